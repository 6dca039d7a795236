// TargetFields, DecodeField, StoreField and ReferenceValue: values of the file ↔ Target fields.
#include "bake/internal/target_fields.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "bake/internal/csv.hpp"
#include "hcl/convert.hpp"

namespace manifold::bake::internal {
namespace {

using K = FieldKind;

util::Result<hcl::Value> Required(std::string_view what) {
  return util::Fail(util::ErrorKind::kInvalidArgument, "{} required", what);
}

util::Result<std::string> AsString(const hcl::Value& v, std::string_view where) {
  auto s = hcl::ToStringValue(v);
  if (!s || s->IsNull()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}: string required, but have {}", where,
                      v.TypeName());
  }
  return s->AsString();
}

// An object entry as its CSV form: type first, then id, then the other keys sorted.
util::Result<std::string> EntryToCsv(const hcl::Object& attrs, K kind, size_t index) {
  std::string where = fmt::format("element {}", index);
  if (kind == K::kSshEntries) {
    std::string out;
    std::vector<std::string> paths;
    for (const auto& [k, v] : attrs) {
      if (v.IsNull()) continue;
      if (k == "id") {
        out = MANIFOLD_TRY(AsString(v, where + ".id"));
      } else if (k == "paths") {
        if (v.kind() != hcl::Kind::kTuple) {
          return util::Fail(util::ErrorKind::kInvalidArgument, "{}.paths: list of string required",
                            where);
        }
        for (const auto& p : v.Items()) paths.push_back(MANIFOLD_TRY(AsString(p, where + ".paths")));
      } else {
        return util::Fail(util::ErrorKind::kInvalidArgument, "{}: unsupported attribute \"{}\"",
                          where, k);
      }
    }
    // buildx's ssh spec: id[=path[,path...]], not CSV.
    if (out.empty()) out = "default";
    for (size_t i = 0; i < paths.size(); ++i) out += (i == 0 ? "=" : ",") + paths[i];
    return out;
  }
  std::vector<std::string> keys;
  for (const auto& [k, v] : attrs) {
    if (!v.IsNull()) keys.push_back(k);
  }
  auto rank = [](const std::string& k) { return k == "type" ? 0 : k == "id" ? 1 : 2; };
  std::stable_sort(keys.begin(), keys.end(),
                   [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  std::vector<std::string> fields;
  for (const std::string& k : keys) {
    if (kind == K::kSecretEntries && k != "id" && k != "src" && k != "env") {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{}: unsupported attribute \"{}\"",
                        where, k);
    }
    std::string v = MANIFOLD_TRY(AsString(attrs.find(k)->second, where + "." + k));
    if (kind == K::kSecretEntries && v.empty()) continue;
    fields.push_back(k + "=" + v);
  }
  return JoinCsv(fields);
}

// "k=v,k2=v2" → {k = "v", k2 = "v2"}; what does not parse stays the string it was.
hcl::Value CsvToObject(const std::string& csv, K kind) {
  if (kind == K::kSshEntries) {
    hcl::Object o;
    size_t eq = csv.find('=');
    o.emplace("id", hcl::Value::String(csv.substr(0, eq)));
    hcl::Tuple paths;
    if (eq != std::string::npos) {
      std::string_view rest = std::string_view(csv).substr(eq + 1);
      while (true) {
        size_t comma = rest.find(',');
        paths.push_back(hcl::Value::String(std::string(rest.substr(0, comma))));
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
    }
    o.emplace("paths", hcl::Value::MakeTuple(std::move(paths)));
    return hcl::Value::MakeObject(std::move(o));
  }
  auto fields = SplitCsv(csv);
  if (!fields) return hcl::Value::String(csv);
  hcl::Object o;
  if (kind == K::kSecretEntries) {
    for (const char* k : {"id", "src", "env"}) o.emplace(k, hcl::Value::String(""));
  }
  if (fields->size() == 1 && (*fields)[0].find('=') == std::string::npos) {
    // buildx's shorthands: a bare cache reference, a bare output directory.
    if (kind == K::kCacheEntries) {
      o.insert_or_assign("type", hcl::Value::String("registry"));
      o.insert_or_assign("ref", hcl::Value::String((*fields)[0]));
      return hcl::Value::MakeObject(std::move(o));
    }
    if (kind == K::kOutputEntries) {
      bool dash = (*fields)[0] == "-";
      o.insert_or_assign("type", hcl::Value::String(dash ? "tar" : "local"));
      o.insert_or_assign("dest", hcl::Value::String((*fields)[0]));
      return hcl::Value::MakeObject(std::move(o));
    }
  }
  for (const std::string& f : *fields) {
    size_t eq = f.find('=');
    std::string key = f.substr(0, eq);
    if (kind == K::kSecretEntries && key == "source") key = "src";
    o.insert_or_assign(key, hcl::Value::String(eq == std::string::npos ? "" : f.substr(eq + 1)));
  }
  return hcl::Value::MakeObject(std::move(o));
}

std::string FieldName(K kind) {
  switch (kind) {
    case K::kString: return "string";
    case K::kBool: return "bool";
    case K::kStringList: return "list of string";
    case K::kNullableMap:
    case K::kStringMap: return "map of string";
    case K::kSecretEntries:
    case K::kSshEntries: return "list of object";
    default: return "list of map of string";
  }
}

}  // namespace

const std::vector<FieldSpec>& TargetFields() {
  static const std::vector<FieldSpec> kFields = {
      {"description", K::kString},      {"inherits", K::kStringList},
      {"annotations", K::kStringList},  {"attest", K::kAttestEntries},
      {"context", K::kString},          {"contexts", K::kStringMap},
      {"dockerfile", K::kString},       {"dockerfile-inline", K::kString},
      {"args", K::kNullableMap},        {"labels", K::kNullableMap},
      {"tags", K::kStringList},         {"cache-from", K::kCacheEntries},
      {"cache-to", K::kCacheEntries},   {"target", K::kString},
      {"secret", K::kSecretEntries},    {"ssh", K::kSshEntries},
      {"platforms", K::kStringList},    {"output", K::kOutputEntries},
      {"pull", K::kBool},               {"no-cache", K::kBool},
      {"network", K::kString},          {"no-cache-filter", K::kStringList},
      {"shm-size", K::kString},         {"ulimits", K::kStringList},
      {"call", K::kString},             {"entitlements", K::kStringList},
      {"extra-hosts", K::kNullableMap},
  };
  return kFields;
}

const FieldSpec* FindTargetField(std::string_view name) {
  for (const FieldSpec& f : TargetFields()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

util::Result<hcl::Value> DecodeField(const hcl::Value& value, const FieldSpec& field) {
  if (value.IsNull()) return value;
  switch (field.kind) {
    case K::kString: {
      auto s = hcl::ToStringValue(value);
      if (!s) return Required("string");
      return s;
    }
    case K::kBool: {
      auto b = hcl::ToBoolValue(value);
      if (!b) return Required("bool");
      return b;
    }
    case K::kStringList: {
      if (value.kind() != hcl::Kind::kTuple) return Required(FieldName(field.kind));
      hcl::Tuple out;
      for (size_t i = 0; i < value.Items().size(); ++i) {
        const hcl::Value& item = value.Items()[i];
        if (item.IsNull()) {
          return util::Fail(util::ErrorKind::kInvalidArgument, "element {}: null value is not "
                                                               "allowed", i);
        }
        out.push_back(hcl::Value::String(MANIFOLD_TRY(AsString(item, fmt::format("element {}", i)))));
      }
      return hcl::Value::MakeTuple(std::move(out));
    }
    case K::kNullableMap:
    case K::kStringMap: {
      if (value.kind() != hcl::Kind::kObject) return Required(FieldName(field.kind));
      hcl::Object out;
      for (const auto& [k, v] : value.Attributes()) {
        if (v.IsNull() && field.kind == K::kNullableMap) {
          out.emplace(k, v);
          continue;
        }
        if (v.IsNull()) {
          return util::Fail(util::ErrorKind::kInvalidArgument,
                            "element \"{}\": null value is not allowed", k);
        }
        out.emplace(k, hcl::Value::String(MANIFOLD_TRY(AsString(v, fmt::format("element \"{}\"", k)))));
      }
      return hcl::Value::MakeObject(std::move(out));
    }
    default: {
      if (value.kind() != hcl::Kind::kTuple) return Required(FieldName(field.kind));
      hcl::Tuple out;
      for (size_t i = 0; i < value.Items().size(); ++i) {
        const hcl::Value& item = value.Items()[i];
        if (item.IsNull() || (item.kind() == hcl::Kind::kString && item.AsString().empty())) {
          continue;  // buildx skips empty entries
        }
        if (item.kind() == hcl::Kind::kObject) {
          out.push_back(hcl::Value::String(MANIFOLD_TRY(EntryToCsv(item.Attributes(), field.kind, i))));
        } else {
          out.push_back(hcl::Value::String(MANIFOLD_TRY(AsString(item, fmt::format("element {}", i)))));
        }
      }
      return hcl::Value::MakeTuple(std::move(out));
    }
  }
}

void StoreField(Target& t, const FieldSpec& field, const hcl::Value& v) {
  if (v.IsNull()) return;
  auto list = [&]() {
    std::vector<std::string> out;
    for (const auto& item : v.Items()) out.push_back(item.AsString());
    return out;
  };
  auto nullable_map = [&]() {
    NullableMap out;
    for (const auto& [k, item] : v.Attributes()) {
      out[k] = item.IsNull() ? std::nullopt : std::optional<std::string>(item.AsString());
    }
    return out;
  };
  std::string_view n = field.name;
  if (n == "description") t.description = v.AsString();
  else if (n == "inherits") t.inherits = list();
  else if (n == "annotations") t.annotations = list();
  else if (n == "attest") t.attest = list();
  else if (n == "context") t.context = v.AsString();
  else if (n == "contexts") {
    std::map<std::string, std::string> out;
    for (const auto& [k, item] : v.Attributes()) out[k] = item.AsString();
    t.contexts = std::move(out);
  } else if (n == "dockerfile") t.dockerfile = v.AsString();
  else if (n == "dockerfile-inline") t.dockerfile_inline = v.AsString();
  else if (n == "args") t.args = nullable_map();
  else if (n == "labels") t.labels = nullable_map();
  else if (n == "tags") t.tags = list();
  else if (n == "cache-from") t.cache_from = list();
  else if (n == "cache-to") t.cache_to = list();
  else if (n == "target") t.target = v.AsString();
  else if (n == "secret") t.secrets = list();
  else if (n == "ssh") t.ssh = list();
  else if (n == "platforms") t.platforms = list();
  else if (n == "output") t.outputs = list();
  else if (n == "pull") t.pull = v.AsBool();
  else if (n == "no-cache") t.no_cache = v.AsBool();
  else if (n == "network") t.network = v.AsString();
  else if (n == "no-cache-filter") t.no_cache_filter = list();
  else if (n == "shm-size") t.shm_size = v.AsString();
  else if (n == "ulimits") t.ulimits = list();
  else if (n == "call") t.call = v.AsString();
  else if (n == "entitlements") t.entitlements = list();
  else if (n == "extra-hosts") t.extra_hosts = nullable_map();
}

hcl::Value ReferenceValue(const FieldSpec& field, const hcl::Value& normalized) {
  switch (field.kind) {
    case K::kCacheEntries:
    case K::kOutputEntries:
    case K::kAttestEntries:
    case K::kSecretEntries:
    case K::kSshEntries: {
      if (normalized.IsNull()) return normalized;
      hcl::Tuple out;
      for (const auto& item : normalized.Items()) out.push_back(CsvToObject(item.AsString(), field.kind));
      return hcl::Value::MakeTuple(std::move(out));
    }
    default: return normalized;
  }
}

}  // namespace manifold::bake::internal
