// Platform: os/arch[/variant] as in OCI descriptors and image configs.
#pragma once

#include <compare>
#include <string>
#include <vector>

namespace manifold::image {

/// A platform as OCI's image-index `platform` object holds it. Plain data; see the functions in
/// platform_parse.hpp / platform_match.hpp for parsing, normalization, formatting and matching.
struct Platform {
  std::string os;
  std::string architecture;
  std::string variant;
  std::string os_version;
  std::vector<std::string> os_features;

  auto operator<=>(const Platform&) const = default;
};

}  // namespace manifold::image
