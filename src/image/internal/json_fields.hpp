// Typed, non-throwing field readers for image documents; errors name the JSON path.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace manifold::image::internal {

using Json = nlohmann::json;

/// The value of `key` in object `obj`, or nullptr when absent or JSON null (Go's omitempty and
/// nil both mean "not set").
const Json* Field(const Json& obj, std::string_view key);

/// "where.key" (or "key" at the top, where `where` is empty).
std::string Path(std::string_view where, std::string_view key);

/// Fails unless `value` is an object: "<where> must be an object, not <type>".
util::Status ExpectObject(const Json& value, std::string_view where);

// Each reader leaves `out` untouched when the field is absent or null and fails
// (InvalidArgument, naming where.key and the type found) when it has the wrong type.
util::Status ReadString(const Json& obj, std::string_view key, std::string_view where, std::string& out);
util::Status ReadBool(const Json& obj, std::string_view key, std::string_view where, bool& out);
util::Status ReadInt64(const Json& obj, std::string_view key, std::string_view where, int64_t& out);
util::Status ReadStringList(const Json& obj, std::string_view key, std::string_view where,
                            std::vector<std::string>& out);
util::Status ReadStringMap(const Json& obj, std::string_view key, std::string_view where,
                           std::map<std::string, std::string>& out);
/// A Go `map[string]struct{}`: an object whose values are objects (usually `{}`).
util::Status ReadStringSet(const Json& obj, std::string_view key, std::string_view where,
                           std::set<std::string>& out);

/// True for an absolute URI: an RFC 3986 scheme, ':', then no spaces or control characters.
bool IsAbsoluteUri(std::string_view text);
/// True for an RFC 3339 date-time ("2015-10-31T22:22:56.015925234Z", "...+01:00").
bool IsRfc3339(std::string_view text);

}  // namespace manifold::image::internal
