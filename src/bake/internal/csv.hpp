// CSV fields as buildx's flags and variable overrides write them (Go encoding/csv rules).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace manifold::bake::internal {

/// Splits one CSV record on `separator`: a field that starts with `"` is quoted (`""` inside is
/// one quote), other fields are taken as written, spaces included. "" is no field at all.
/// Errors (kInvalidArgument): a quote inside an unquoted field, an unterminated quote, or text
/// after a closing quote.
util::Result<std::vector<std::string>> SplitCsv(std::string_view record, char separator = ',');

/// Joins fields into one record, quoting a field that holds the separator, a quote, a line
/// break or a leading space, so that SplitCsv gives the fields back.
std::string JoinCsv(const std::vector<std::string>& fields, char separator = ',');

}  // namespace manifold::bake::internal
