// VarType: a `variable` block's `type` constraint, and the ways buildx reads overrides of it.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hcl/ast.hpp"
#include "hcl/type_expr.hpp"
#include "hcl/value.hpp"
#include "util/error.hpp"

namespace manifold::bake::internal {

/// A `variable` block's type constraint: hcl's cty type (see hcl/type_expr.hpp).
using VarType = hcl::Type;

/// How buildx reads a variable's `type`: typeexpr.TypeConstraint (bake/hclparser's
/// typeConstraint), so `optional(T)` is allowed and `optional(T, default)` is refused as
/// buildx refuses it. kConstraintWithDefaults would accept defaults (ConvertTo already
/// applies them before converting).
inline constexpr hcl::TypeExprMode kVarTypeMode = hcl::TypeExprMode::kConstraint;

/// Reads a type expression (native syntax, or a JSON string holding one). std::nullopt for
/// `null` (no constraint, as an absent `type`). Errors are located, with the line: "Invalid
/// type specification; The keyword "boolean" is not a valid type specification.".
util::Result<std::optional<VarType>> ParseVarType(const hcl::Expression& expr);

/// Converts a variable's value to its type as buildx does: the type's defaults applied, then
/// cty's conversion (hcl::ConvertToType); errors are cty's messages.
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
