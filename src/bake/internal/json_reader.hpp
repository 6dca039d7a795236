// JsonNode and ReadJson: JSON text → a tree that keeps property order, repeats and positions.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hcl/ast.hpp"
#include "util/error.hpp"

namespace manifold::bake::internal {

/// One JSON value with its source range. Objects keep their properties in order, repeats
/// included (HCL's JSON syntax gives repeated block properties a meaning). Plain data.
struct JsonNode {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  std::string text;  ///< a string's decoded value, or a number as written
  bool boolean = false;
  std::vector<JsonNode> items;
  std::vector<std::pair<std::string, JsonNode>> properties;
  std::vector<hcl::Range> key_ranges;  ///< one per property
  hcl::Range range;
};

/// Parses RFC 8259 JSON (one value, surrounding whitespace allowed). Errors are located
/// (kInvalidArgument, "Invalid JSON; ..."): bad tokens, control characters or bad escapes in
/// strings, trailing data, nesting deeper than 256 levels.
util::Result<JsonNode> ReadJson(std::shared_ptr<const hcl::SourceText> source);

}  // namespace manifold::bake::internal
