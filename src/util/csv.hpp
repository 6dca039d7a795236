// SplitCsv: one line of comma-separated fields, as Go's encoding/csv reads flag values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace manifold::util {

/// Splits `text` at commas; a field in double quotes may hold commas, and `""` inside quotes is
/// one quote (buildx's --output/--secret and Dockerfile `--mount` values are read this way).
/// Errors: an unterminated quote (kInvalidArgument).
Result<std::vector<std::string>> SplitCsv(std::string_view text);

}  // namespace manifold::util
