// Typed JSON field reads for the graph's wire format.
#include "graph/internal/json_fields.hpp"

namespace manifold::graph::internal {

using nlohmann::json;
using util::ErrorKind;

util::Result<Fields> Fields::Of(const json& j, std::string path) {
  if (!j.is_object()) return WrongType(path.empty() ? "(top level)" : path, "an object", j);
  return Fields(j, std::move(path));
}

std::string Fields::PathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

std::string ElementPath(std::string_view array_path, size_t index) {
  return fmt::format("{}[{}]", array_path, index);
}

std::unexpected<util::Error> WrongType(std::string_view path, std::string_view expected, const json& got) {
  return util::Fail(ErrorKind::kInvalidArgument, "field \"{}\": expected {}, got {}", path, expected,
                    got.type_name());
}

util::Status Fields::OnlyKnown(std::initializer_list<std::string_view> known) const {
  for (const auto& [key, value] : json_->items()) {
    bool found = false;
    for (auto k : known) found = found || k == key;
    if (!found) {
      return util::Fail(ErrorKind::kInvalidArgument,
                        "field \"{}\" is unknown here (is the other end a different manifold version?)",
                        PathOf(key));
    }
  }
  return {};
}

util::Result<const json*> Fields::Member(std::string_view key) const {
  auto it = json_->find(key);
  if (it == json_->end()) {
    return util::Fail(ErrorKind::kInvalidArgument, "field \"{}\" is missing", PathOf(key));
  }
  return &*it;
}

util::Result<Fields> Fields::Object(std::string_view key) const {
  const json* m = MANIFOLD_TRY(Member(key));
  return Of(*m, PathOf(key));
}

util::Result<std::string> Fields::String(std::string_view key) const {
  const json* m = MANIFOLD_TRY(Member(key));
  if (!m->is_string()) return WrongType(PathOf(key), "a string", *m);
  return m->get<std::string>();
}

util::Result<bool> Fields::Bool(std::string_view key) const {
  const json* m = MANIFOLD_TRY(Member(key));
  if (!m->is_boolean()) return WrongType(PathOf(key), "true or false", *m);
  return m->get<bool>();
}

util::Result<int64_t> IntAt(const json& j, std::string_view path, int64_t min, int64_t max) {
  if (!j.is_number_integer()) return WrongType(path, "an integer", j);
  // An unsigned JSON number above INT64_MAX is out of every range asked for here.
  bool too_big = j.is_number_unsigned() && j.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX);
  if (too_big || j.get<int64_t>() < min || j.get<int64_t>() > max) {
    return util::Fail(ErrorKind::kInvalidArgument, "field \"{}\": {} is out of range [{}, {}]", path, j.dump(),
                      min, max);
  }
  return j.get<int64_t>();
}

util::Result<int64_t> Fields::Int(std::string_view key, int64_t min, int64_t max) const {
  const json* m = MANIFOLD_TRY(Member(key));
  return IntAt(*m, PathOf(key), min, max);
}

util::Result<uint64_t> Fields::Unsigned(std::string_view key, uint64_t max) const {
  const json* m = MANIFOLD_TRY(Member(key));
  if (!m->is_number_integer()) return WrongType(PathOf(key), "a non-negative integer", *m);
  if ((!m->is_number_unsigned() && m->get<int64_t>() < 0) || m->get<uint64_t>() > max) {
    return util::Fail(ErrorKind::kInvalidArgument, "field \"{}\": {} is out of range [0, {}]", PathOf(key),
                      m->dump(), max);
  }
  return m->get<uint64_t>();
}

util::Result<std::vector<std::string>> Fields::Strings(std::string_view key) const {
  const json* m = MANIFOLD_TRY(Member(key));
  if (!m->is_array()) return WrongType(PathOf(key), "an array of strings", *m);
  std::vector<std::string> out;
  out.reserve(m->size());
  for (size_t i = 0; i < m->size(); ++i) {
    const json& e = (*m)[i];
    if (!e.is_string()) return WrongType(ElementPath(PathOf(key), i), "a string", e);
    out.push_back(e.get<std::string>());
  }
  return out;
}

}  // namespace manifold::graph::internal
