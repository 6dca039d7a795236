// The implicit conversions HCL applies between primitive types (cty's convert package).
#pragma once

#include <string>

#include "hcl/type_expr.hpp"
#include "hcl/value.hpp"
#include "util/error.hpp"

namespace manifold::hcl {

/// Converts to a string: strings as they are, numbers as FormatNumber, bools as "true" /
/// "false". Null stays null (the caller decides whether null is allowed). Errors
/// (kInvalidArgument): a tuple or object ("string required").
util::Result<Value> ToStringValue(const Value& value);

/// Converts to a number: numbers as they are, strings holding a decimal number ("12", "-1.5",
/// "1e3") parsed. Null stays null. Errors: a bool, a tuple, an object, a non-numeric string
/// ("a number is required").
util::Result<Value> ToNumberValue(const Value& value);

/// Converts to a bool: bools as they are, the strings "true"/"1" and "false"/"0". Null stays
/// null. Errors: anything else ("a bool is required").
util::Result<Value> ToBoolValue(const Value& value);

/// The type cty gives `value`: its primitive type, a tuple of its elements' types, an object
/// of its attributes' types; `any` (cty's DynamicPseudoType) for null.
Type TypeOf(const Value& value);

/// Converts `value` to `type` as cty's convert.Convert does (unsafe conversions allowed):
/// primitives among themselves ("1" is a number; number to bool is not allowed), a tuple to a
/// list, set (deduplicated; primitives in cty's order, numbers ascending then strings) or tuple
/// of the same length, an object to a map or an object (extra attributes dropped, absent
/// optional ones null), `any` elements unified to one type as cty.Unify does (["a", 1] as
/// list(any) is ["a", "1"]). Null converts to null. Defaults of optional attributes are not
/// applied (see ApplyDefaults). Errors (kInvalidArgument) are cty's messages: "a number is
/// required", "list of number required, but have string", "attribute \"a\" is required",
/// "all list elements must have the same type"; and "value too complex to convert" when the
/// conversion would take more than a million steps.
util::Result<Value> ConvertToType(const Value& value, const Type& type);

/// Parses a whole string as an HCL decimal number (optional sign, digits, optional fraction,
/// optional exponent); nothing else is accepted. Errors: not a number, or out of a double's
/// range.
util::Result<double> ParseNumber(std::string_view text);

}  // namespace manifold::hcl
