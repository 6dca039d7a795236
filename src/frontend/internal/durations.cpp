// Go duration parsing.
#include "frontend/internal/durations.hpp"

#include <cctype>
#include <cmath>

namespace manifold::frontend::internal {

util::Result<int64_t> ParseGoDuration(std::string_view text) {
  auto bad = [&] {
    return util::Fail(util::ErrorKind::kInvalidArgument, "invalid duration {:?} (use e.g. 30s, 1m30s, 500ms)",
                      std::string(text));
  };
  if (text == "0") return 0;
  if (text.empty()) return bad();
  double total = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
    if (i == start) return bad();
    double number = std::stod(std::string(text.substr(start, i - start)));
    size_t unit_start = i;
    while (i < text.size() && !std::isdigit(static_cast<unsigned char>(text[i])) && text[i] != '.') ++i;
    std::string_view unit = text.substr(unit_start, i - unit_start);
    double scale = 0;
    if (unit == "ns") scale = 1;
    else if (unit == "us" || unit == "µs") scale = 1e3;
    else if (unit == "ms") scale = 1e6;
    else if (unit == "s") scale = 1e9;
    else if (unit == "m") scale = 60e9;
    else if (unit == "h") scale = 3600e9;
    else return bad();
    total += number * scale;
  }
  return static_cast<int64_t>(std::llround(total));
}

}  // namespace manifold::frontend::internal
