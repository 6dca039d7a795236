// GoJson: JSON text exactly as Go's encoding/json writes it, for output buildx users diff.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace manifold::bake::internal {

/// `value` (objects keep their insertion order; the caller inserts Go's order: struct field
/// order, or sorted keys for a map) as json.MarshalIndent(v, "", "  ") writes it: two-space
/// indentation, `{}`/`[]` for empty containers, strings escaped as Go does (`<`, `>`, `&`,
/// U+2028 and U+2029 as \u escapes, \b \f \n \r \t short forms, other control characters as
/// \u00XX, malformed UTF-8 as \ufffd). No trailing newline. Numbers are not used by bake.
std::string GoJsonIndent(const nlohmann::ordered_json& value);

/// One string as Go's encoder quotes it (with the surrounding quotes).
std::string GoJsonString(std::string_view text);

}  // namespace manifold::bake::internal
