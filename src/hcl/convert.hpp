// The implicit conversions HCL applies between primitive types (cty's convert package).
#pragma once

#include <string>

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

/// Parses a whole string as an HCL decimal number (optional sign, digits, optional fraction,
/// optional exponent); nothing else is accepted. Errors: not a number, or out of a double's
/// range.
util::Result<double> ParseNumber(std::string_view text);

}  // namespace manifold::hcl
