// Draft-04 subset validation for the OCI schemas, resolving references offline.
#include "support/json_schema.hpp"

// GCC 12's std::regex instantiations trip a known false -Wmaybe-uninitialized (GCC PR 105562)
// under -O2 with sanitizers; this test-only file is the one user of <regex>.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

namespace manifold::testing {

namespace {

using Json = nlohmann::json;

bool TypeMatches(const Json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "number") return value.is_number();
  if (type == "integer") {
    if (value.is_number_integer()) return true;
    return value.is_number_float() && std::floor(value.get<double>()) == value.get<double>();
  }
  return false;
}

bool RegexSearch(const std::string& pattern, const std::string& text) {
  try {
    return std::regex_search(text, std::regex(pattern, std::regex::ECMAScript));
  } catch (const std::regex_error&) {
    return false;
  }
}

bool IsUri(const std::string& s) {
  static const std::regex kUri(R"(^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$)");
  return std::regex_match(s, kUri);
}

bool IsDateTime(const std::string& s) {
  static const std::regex kDateTime(
      R"(^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$)");
  return std::regex_match(s, kDateTime);
}

std::string Basename(const std::string& s) {
  size_t slash = s.rfind('/');
  return slash == std::string::npos ? s : s.substr(slash + 1);
}

}  // namespace

std::optional<JsonSchemaSet> JsonSchemaSet::Load(const std::filesystem::path& dir, std::string* error) {
  JsonSchemaSet set;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    Json json = Json::parse(text.str(), nullptr, false);
    if (json.is_discarded()) {
      if (error) *error = "cannot parse " + entry.path().string();
      return std::nullopt;
    }
    set.files_[entry.path().filename().string()] = std::move(json);
  }
  return set;
}

std::string JsonSchemaSet::SchemaFileFor(std::string_view media_type) {
  if (media_type == "application/vnd.oci.image.index.v1+json") return "image-index-schema.json";
  if (media_type == "application/vnd.oci.image.manifest.v1+json") return "image-manifest-schema.json";
  if (media_type == "application/vnd.oci.image.config.v1+json") return "config-schema.json";
  if (media_type == "application/vnd.oci.descriptor.v1+json") return "content-descriptor.json";
  if (media_type == "application/vnd.oci.layout.header.v1+json") return "image-layout-schema.json";
  return "";
}

const Json* JsonSchemaSet::Resolve(const std::string& ref, const std::string& doc,
                                   std::string* new_doc) const {
  size_t hash = ref.find('#');
  std::string file = ref.substr(0, hash);
  std::string pointer = hash == std::string::npos ? "" : ref.substr(hash + 1);
  // image-spec registers each file under its id URLs too; those end in the file's own name
  // (or, for the mediaType definition, a name we map to its file).
  *new_doc = file.empty() ? doc : Basename(file);
  auto it = files_.find(*new_doc);
  if (it == files_.end()) return nullptr;
  if (pointer.empty()) return &it->second;
  try {
    Json::json_pointer ptr(pointer);
    if (!it->second.contains(ptr)) return nullptr;
    return &it->second.at(ptr);
  } catch (const Json::exception&) {
    return nullptr;
  }
}

std::vector<std::string> JsonSchemaSet::Validate(const Json& instance, const std::string& schema_file) const {
  std::vector<std::string> errors;
  auto it = files_.find(schema_file);
  if (it == files_.end()) return {"no schema file " + schema_file};
  Check(instance, it->second, schema_file, "", errors, 0);
  return errors;
}

void JsonSchemaSet::Check(const Json& v, const Json& s, const std::string& doc, const std::string& where,
                          std::vector<std::string>& errors, int depth) const {
  auto fail = [&](const std::string& what) { errors.push_back((where.empty() ? "/" : where) + ": " + what); };
  if (depth > 64) return fail("schema recursion too deep");
  if (!s.is_object()) return;
  if (auto ref = s.find("$ref"); ref != s.end() && ref->is_string()) {
    std::string target_doc;
    const Json* target = Resolve(ref->get<std::string>(), doc, &target_doc);
    if (!target) return fail("unresolvable $ref " + ref->get<std::string>());
    // Draft-04: a $ref replaces the rest of the schema object.
    return Check(v, *target, target_doc, where, errors, depth + 1);
  }
  if (auto type = s.find("type"); type != s.end()) {
    bool ok = false;
    if (type->is_string()) ok = TypeMatches(v, type->get<std::string>());
    if (type->is_array()) {
      for (const auto& t : *type) ok = ok || (t.is_string() && TypeMatches(v, t.get<std::string>()));
    }
    if (!ok) return fail("type " + std::string(v.type_name()) + " is not " + type->dump());
  }
  if (auto e = s.find("enum"); e != s.end() && e->is_array()) {
    if (std::find(e->begin(), e->end(), v) == e->end()) fail("not one of " + e->dump());
  }
  if (v.is_number()) {
    double x = v.get<double>();
    if (auto m = s.find("minimum"); m != s.end() && m->is_number() && x < m->get<double>()) {
      fail("below minimum " + m->dump());
    }
    if (auto m = s.find("maximum"); m != s.end() && m->is_number() && x > m->get<double>()) {
      fail("above maximum " + m->dump());
    }
  }
  if (v.is_string()) {
    const std::string& str = v.get_ref<const std::string&>();
    if (auto p = s.find("pattern"); p != s.end() && p->is_string() && !RegexSearch(p->get<std::string>(), str)) {
      fail("does not match " + p->dump());
    }
    if (auto m = s.find("minLength"); m != s.end() && str.size() < m->get<size_t>()) fail("too short");
    if (auto m = s.find("maxLength"); m != s.end() && str.size() > m->get<size_t>()) fail("too long");
    if (auto f = s.find("format"); f != s.end() && f->is_string()) {
      if (*f == "uri" && !IsUri(str)) fail("not a URI");
      if (*f == "date-time" && !IsDateTime(str)) fail("not an RFC 3339 date-time");
    }
  }
  if (v.is_array()) {
    if (auto m = s.find("minItems"); m != s.end() && v.size() < m->get<size_t>()) fail("too few items");
    if (auto m = s.find("maxItems"); m != s.end() && v.size() > m->get<size_t>()) fail("too many items");
    if (auto items = s.find("items"); items != s.end()) {
      for (size_t i = 0; i < v.size(); ++i) {
        const Json* item_schema = items->is_array() ? (i < items->size() ? &(*items)[i] : nullptr) : &*items;
        if (item_schema) Check(v[i], *item_schema, doc, where + "/" + std::to_string(i), errors, depth + 1);
      }
    }
  }
  if (v.is_object()) {
    if (auto req = s.find("required"); req != s.end() && req->is_array()) {
      for (const auto& name : *req) {
        if (name.is_string() && !v.contains(name.get<std::string>())) fail("missing " + name.dump());
      }
    }
    auto props = s.find("properties");
    auto patterns = s.find("patternProperties");
    auto additional = s.find("additionalProperties");
    for (const auto& [key, value] : v.items()) {
      bool covered = false;
      std::string child = where + "/" + key;
      if (props != s.end() && props->contains(key)) {
        covered = true;
        Check(value, props->at(key), doc, child, errors, depth + 1);
      }
      if (patterns != s.end()) {
        for (const auto& [pattern, sub] : patterns->items()) {
          if (RegexSearch(pattern, key)) {
            covered = true;
            Check(value, sub, doc, child, errors, depth + 1);
          }
        }
      }
      if (!covered && additional != s.end()) {
        if (additional->is_boolean() && !additional->get<bool>()) fail("unexpected property " + key);
        if (additional->is_object()) Check(value, *additional, doc, child, errors, depth + 1);
      }
    }
  }
  auto count_valid = [&](const Json& list) {
    size_t n = 0;
    for (const auto& sub : list) {
      std::vector<std::string> sub_errors;
      Check(v, sub, doc, where, sub_errors, depth + 1);
      if (sub_errors.empty()) ++n;
    }
    return n;
  };
  if (auto all = s.find("allOf"); all != s.end() && all->is_array()) {
    for (const auto& sub : *all) Check(v, sub, doc, where, errors, depth + 1);
  }
  if (auto any = s.find("anyOf"); any != s.end() && any->is_array() && count_valid(*any) == 0) {
    fail("matches none of anyOf");
  }
  if (auto one = s.find("oneOf"); one != s.end() && one->is_array() && count_valid(*one) != 1) {
    fail("does not match exactly one of oneOf");
  }
  if (auto no = s.find("not"); no != s.end() && count_valid(Json::array({*no})) != 0) fail("matches not");
}

}  // namespace manifold::testing
