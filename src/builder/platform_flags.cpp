// ParsePlatformFlags: comma lists split, each platform parsed and checked against known architectures.
#include "builder/platform_flags.hpp"

#include <algorithm>
#include <iterator>

#include "image/platform_parse.hpp"

namespace manifold::builder {

util::Result<std::vector<image::Platform>> ParsePlatformFlags(const std::vector<std::string>& values,
                                                              std::string_view what) {
  std::vector<image::Platform> platforms;
  const image::Platform host = image::HostPlatform();
  for (const auto& value : values) {
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      std::string spec = value.substr(start, comma - start);
      start = comma + 1;
      if (spec.empty()) continue;
      auto p = image::ParsePlatformFlag(spec, host);
      if (!p) return std::unexpected(std::move(p.error()).Context("{} {}", what, spec));
      // containerd's parser accepts any architecture word; a build for one nothing can run is
      // a typo, so say so now rather than after the build.
      static constexpr std::string_view kKnownArchs[] = {"amd64", "arm64", "arm", "386", "ppc64le", "ppc64",
                                                         "s390x", "riscv64", "mips64le", "mips64", "mipsle",
                                                         "mips", "loong64", "wasm"};
      if (std::find(std::begin(kKnownArchs), std::end(kKnownArchs), p->architecture) == std::end(kKnownArchs)) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "{} {}: unknown architecture {:?} (use amd64, arm64, arm/v7, arm/v6, 386, "
                          "ppc64le, s390x, riscv64, ...)",
                          what, spec, p->architecture);
      }
      if (std::find(platforms.begin(), platforms.end(), *p) == platforms.end()) platforms.push_back(*p);
    }
  }
  if (platforms.empty()) platforms.push_back(host);
  return platforms;
}

}  // namespace manifold::builder
