// Size and duration text.
#include "cli/units.hpp"

#include <cctype>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "util/clock.hpp"

namespace manifold::cli {

std::string HumanSize(int64_t bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1000 && u < 4) v /= 1000, ++u;
  return u == 0 ? fmt::format("{}B", bytes) : fmt::format("{:.3g}{}", v, units[u]);
}

util::Result<int64_t> ParseSize(std::string_view text, std::string_view flag) {
  size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
  double number = 0;
  try {
    number = i == 0 ? -1 : std::stod(std::string(text.substr(0, i)));
  } catch (...) {
    number = -1;
  }
  std::string unit;
  for (char c : text.substr(i)) unit += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!unit.empty() && unit.back() == 'b') unit.pop_back();
  const bool binary = !unit.empty() && unit.back() == 'i';
  if (binary) unit.pop_back();
  const std::string_view prefixes = "kmgtp";
  double scale = 1;
  if (unit.size() == 1 && prefixes.find(unit[0]) != std::string_view::npos) {
    scale = std::pow(binary ? 1024.0 : 1000.0, static_cast<double>(prefixes.find(unit[0]) + 1));
  } else if (!unit.empty() || binary) {
    number = -1;
  }
  if (number < 0) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} {:?}: not a size; use e.g. 512MB, 10GB or 2GiB", flag, text);
  }
  return static_cast<int64_t>(number * scale);
}

util::Result<std::chrono::seconds> ParseDuration(std::string_view text, std::string_view flag) {
  double total = 0;
  size_t i = 0;
  bool any = false;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
    size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string_view unit = text.substr(unit_start, i - unit_start);
    double scale = unit == "h" ? 3600 : unit == "m" ? 60 : unit == "s" ? 1 : unit == "ms" ? 0.001 : -1;
    if (start == unit_start || scale < 0) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{} {:?}: not a duration; use e.g. 24h, 1h30m or 90s", flag,
                        text);
    }
    total += std::stod(std::string(text.substr(start, unit_start - start))) * scale;
    any = true;
  }
  if (!any) return util::Fail(util::ErrorKind::kInvalidArgument, "{}: empty duration; use e.g. 24h", flag);
  return std::chrono::seconds(static_cast<int64_t>(total));
}

std::string HumanAge(int64_t unix_seconds) {
  int64_t age = std::max<int64_t>(0, util::UnixSeconds() - unix_seconds);
  if (age < 60) return "Less than a minute ago";
  if (age < 3600) return fmt::format("{} minute{} ago", age / 60, age / 60 == 1 ? "" : "s");
  if (age < 86400) return fmt::format("{} hour{} ago", age / 3600, age / 3600 == 1 ? "" : "s");
  return fmt::format("{} day{} ago", age / 86400, age / 86400 == 1 ? "" : "s");
}

}  // namespace manifold::cli
