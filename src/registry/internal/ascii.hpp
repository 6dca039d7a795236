// ASCII case folding for HTTP header names and auth parameters (case-insensitive by RFC 7230/7235).
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace manifold::registry::internal {

inline std::string AsciiLower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace manifold::registry::internal
