// VarType: a `variable` block's `type` constraint (cty's type expressions) and the conversion
// of values to it.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hcl/ast.hpp"
#include "hcl/value.hpp"
#include "util/error.hpp"

namespace manifold::bake::internal {

/// A type constraint: `string`, `number`, `bool`, `any`, `list(T)`, `set(T)`, `map(T)`,
/// `tuple([T, ...])`, `object({name = T, ...})`. Lists, sets and tuples are held as hcl tuples,
/// maps and objects as hcl objects. Plain data.
struct VarType {
  enum class Kind { kAny, kString, kNumber, kBool, kList, kSet, kMap, kTuple, kObject };
  Kind kind = Kind::kAny;
  std::vector<VarType> elements;  ///< list/set/map: one; tuple: one per element.
  std::vector<std::pair<std::string, VarType>> attributes;  ///< object, sorted by name.

  bool IsPrimitive() const {
    return kind == Kind::kString || kind == Kind::kNumber || kind == Kind::kBool;
  }
};

/// Reads a type expression (native syntax, or a JSON string holding one). std::nullopt for
/// `null` (no constraint, as an absent `type`). Errors are located: "Invalid type
/// specification; The keyword "boolean" is not a valid type specification.".
util::Result<std::optional<VarType>> ParseVarType(const hcl::Expression& expr);

/// cty's FriendlyNameForConstraint: "string", "list of number", "map of bool", "tuple",
/// "object", "any type".
std::string FriendlyName(const VarType& type);

/// Converts `value` to `type` as cty's convert does for HCL's values: primitives convert
/// among themselves ("99" is a number), a tuple becomes a list, set (deduplicated, primitives
/// sorted) or tuple of the right length, an object a map or an object with exactly the
/// type's attributes. Null stays null. Errors (kInvalidArgument) say what was required, e.g.
/// "list of number required" or "element 1: a number is required".
util::Result<hcl::Value> ConvertTo(const hcl::Value& value, const VarType& type);

/// Parses an environment override of a primitive as buildx does: strings as they are, bools
/// as Go's strconv.ParseBool, numbers as strconv.ParseFloat (NaN and infinities refused).
/// Errors name the variable: "failed to parse FOO as number".
util::Result<hcl::Value> ParsePrimitive(std::string_view name, std::string_view text,
                                        const VarType& type);

/// Whether an override of `type` may be written as CSV (lists, sets, tuples, maps).
bool IsCsvType(const VarType& type);

/// Parses a CSV override ("a,b" for list(string), "k:1,j:2" for map(number)) into `type`;
/// elements must be primitives. Errors as buildx's ("unsupported type ... for CSV
/// specification", "failed to parse element of type ...", "expected one k/v pair ...").
util::Result<hcl::Value> ParseCsvOverride(std::string_view name, std::string_view text,
                                          const VarType& type);

/// Parses a `NAME_JSON` override: JSON text whose shape must match `type` (cty's JSON
/// unmarshalling: a string type needs a JSON string, number or bool).
util::Result<hcl::Value> ParseJsonOverride(std::string_view text, const VarType& type);

/// The value as JSON, as cty's JSON marshalling writes it (numbers in plain decimal).
std::string MarshalJson(const hcl::Value& value);

}  // namespace manifold::bake::internal
