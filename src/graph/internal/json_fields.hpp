// Typed, non-throwing reads of JSON fields whose errors name the field's path.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace manifold::graph::internal {

/// A JSON object being read and the path error messages call it by ("op.mounts[2]"). Does not
/// own `json`: it must outlive the Fields. Each read fails with kInvalidArgument naming the
/// field's full path, what was expected and the JSON type found; nothing throws.
class Fields {
 public:
  /// Fails unless `json` is an object.
  static util::Result<Fields> Of(const nlohmann::json& json, std::string path);

  const std::string& path() const { return path_; }
  /// The path of a member: "op.mounts[2]" + "mode" → "op.mounts[2].mode".
  std::string PathOf(std::string_view key) const;

  /// Fails when the object has a member not in `known`: a field this end does not know would
  /// otherwise be dropped silently.
  util::Status OnlyKnown(std::initializer_list<std::string_view> known) const;

  bool Has(std::string_view key) const { return json_->contains(key); }
  /// The member itself; fails when absent.
  util::Result<const nlohmann::json*> Member(std::string_view key) const;
  /// A member that is itself an object.
  util::Result<Fields> Object(std::string_view key) const;

  util::Result<std::string> String(std::string_view key) const;
  util::Result<bool> Bool(std::string_view key) const;
  util::Result<int64_t> Int(std::string_view key, int64_t min, int64_t max) const;
  util::Result<uint64_t> Unsigned(std::string_view key, uint64_t max) const;
  util::Result<std::vector<std::string>> Strings(std::string_view key) const;

 private:
  Fields(const nlohmann::json& json, std::string path) : json_(&json), path_(std::move(path)) {}
  const nlohmann::json* json_;
  std::string path_;
};

/// The path of an array element: "op.mounts" + 2 → "op.mounts[2]".
std::string ElementPath(std::string_view array_path, size_t index);

/// A kInvalidArgument error "field PATH: expected WHAT, got TYPE".
std::unexpected<util::Error> WrongType(std::string_view path, std::string_view expected,
                                       const nlohmann::json& got);

/// `json` as an integer in [min, max]; `path` names it in errors.
util::Result<int64_t> IntAt(const nlohmann::json& json, std::string_view path, int64_t min, int64_t max);

}  // namespace manifold::graph::internal
