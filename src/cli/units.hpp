// Sizes and durations as docker's commands print and parse them.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::cli {

/// "1.2MB", as docker prints sizes (decimal units).
std::string HumanSize(int64_t bytes);
/// "10GB", "512MiB", "1.5gb", "2048" (bytes) → bytes. `flag` names the option in errors.
util::Result<int64_t> ParseSize(std::string_view text, std::string_view flag);
/// Go durations as buildx takes them: "24h", "1h30m", "90s". `flag` names the option in errors.
util::Result<std::chrono::seconds> ParseDuration(std::string_view text, std::string_view flag);
/// "3 minutes ago", "2 days ago".
std::string HumanAge(int64_t unix_seconds);

}  // namespace manifold::cli
