// Field readers with path-naming errors, and the small encodings image documents use.
#include "image/internal/json_fields.hpp"

#include <limits>

namespace manifold::image::internal {

namespace {

util::Status WrongType(std::string_view path, std::string_view want, const Json& got) {
  return util::Fail(util::ErrorKind::kInvalidArgument, "{} must be {}, not {}", path, want,
                    got.type_name());
}

}  // namespace

const Json* Field(const Json& obj, std::string_view key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string Path(std::string_view where, std::string_view key) {
  if (where.empty()) return std::string(key);
  return fmt::format("{}.{}", where, key);
}

util::Status ExpectObject(const Json& value, std::string_view where) {
  if (!value.is_object()) return WrongType(where.empty() ? "the document" : where, "an object", value);
  return {};
}

util::Status ReadString(const Json& obj, std::string_view key, std::string_view where, std::string& out) {
  const Json* v = Field(obj, key);
  if (!v) return {};
  if (!v->is_string()) return WrongType(Path(where, key), "a string", *v);
  out = v->get<std::string>();
  return {};
}

util::Status ReadBool(const Json& obj, std::string_view key, std::string_view where, bool& out) {
  const Json* v = Field(obj, key);
  if (!v) return {};
  if (!v->is_boolean()) return WrongType(Path(where, key), "a boolean", *v);
  out = v->get<bool>();
  return {};
}

util::Status ReadInt64(const Json& obj, std::string_view key, std::string_view where, int64_t& out) {
  const Json* v = Field(obj, key);
  if (!v) return {};
  if (v->is_number_unsigned()) {
    if (v->get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{} is out of range", Path(where, key));
    }
    out = static_cast<int64_t>(v->get<uint64_t>());
    return {};
  }
  if (!v->is_number_integer()) return WrongType(Path(where, key), "an integer", *v);
  out = v->get<int64_t>();
  return {};
}

util::Status ReadStringList(const Json& obj, std::string_view key, std::string_view where,
                            std::vector<std::string>& out) {
  const Json* v = Field(obj, key);
  if (!v) return {};
  if (!v->is_array()) return WrongType(Path(where, key), "an array of strings", *v);
  std::vector<std::string> list;
  for (size_t i = 0; i < v->size(); ++i) {
    const Json& item = (*v)[i];
    if (!item.is_string()) {
      return WrongType(fmt::format("{}[{}]", Path(where, key), i), "a string", item);
    }
    list.push_back(item.get<std::string>());
  }
  out = std::move(list);
  return {};
}

util::Status ReadStringMap(const Json& obj, std::string_view key, std::string_view where,
                           std::map<std::string, std::string>& out) {
  const Json* v = Field(obj, key);
  if (!v) return {};
  if (!v->is_object()) return WrongType(Path(where, key), "an object of strings", *v);
  std::map<std::string, std::string> map;
  for (const auto& [k, item] : v->items()) {
    if (!item.is_string()) return WrongType(fmt::format("{}[{:?}]", Path(where, key), k), "a string", item);
    map[k] = item.get<std::string>();
  }
  out = std::move(map);
  return {};
}

util::Status ReadStringSet(const Json& obj, std::string_view key, std::string_view where,
                           std::set<std::string>& out) {
  const Json* v = Field(obj, key);
  if (!v) return {};
  if (!v->is_object()) return WrongType(Path(where, key), "an object", *v);
  std::set<std::string> set;
  for (const auto& [k, item] : v->items()) {
    if (!item.is_object() && !item.is_null()) {
      return WrongType(fmt::format("{}[{:?}]", Path(where, key), k), "an object", item);
    }
    set.insert(k);
  }
  out = std::move(set);
  return {};
}

bool IsAbsoluteUri(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!alpha(text[0])) return false;
  for (char c : text.substr(1, colon - 1)) {
    if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
  }
  for (char c : text.substr(colon + 1)) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

bool IsRfc3339(std::string_view t) {
  auto digits = [&](size_t pos, size_t n) {
    if (pos + n > t.size()) return false;
    for (size_t i = pos; i < pos + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
    }
    return true;
  };
  // YYYY-MM-DDTHH:MM:SS
  if (!digits(0, 4) || t.size() < 20 || t[4] != '-' || !digits(5, 2) || t[7] != '-' ||
      !digits(8, 2) || (t[10] != 'T' && t[10] != 't') || !digits(11, 2) || t[13] != ':' ||
      !digits(14, 2) || t[16] != ':' || !digits(17, 2)) {
    return false;
  }
  size_t pos = 19;
  if (t[pos] == '.') {
    size_t start = ++pos;
    while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') ++pos;
    if (pos == start) return false;
  }
  if (pos == t.size()) return false;
  if (t[pos] == 'Z' || t[pos] == 'z') return pos + 1 == t.size();
  if (t[pos] != '+' && t[pos] != '-') return false;
  return pos + 6 == t.size() && digits(pos + 1, 2) && t[pos + 3] == ':' && digits(pos + 4, 2);
}

}  // namespace manifold::image::internal
