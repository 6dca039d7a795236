// buildx's version line and the docker CLI plugin metadata.
#include "cli/buildx_compat.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/version.hpp"

namespace manifold::cli {

std::string BuildxVersionLine() {
  return fmt::format("manifold v{} manifold-{}-{}", kBuildxCompatVersion, util::Version(), util::GitCommit());
}

std::string BuildkitVersionLabel(std::string_view manifold_version) {
  return fmt::format("v{}+manifold-{}", kBuildkitCompatVersion, manifold_version);
}

std::string PluginMetadataJson(bool as_buildx) {
  // docker's CLI requires SchemaVersion "0.1.0" and a Vendor; Version is what
  // `docker info` lists and tools compare, so as buildx it is the buildx-compatible one.
  nlohmann::json j = {
      {"SchemaVersion", "0.1.0"},
      {"Vendor", "manifold"},
      {"Version", as_buildx ? fmt::format("v{}", kBuildxCompatVersion) : fmt::format("v{}", util::Version())},
      {"ShortDescription", as_buildx ? fmt::format("Docker Buildx (manifold {})", util::Version())
                                     : "Build one Dockerfile for many platforms (manifold)"},
  };
  return j.dump(1, '\t');
}

}  // namespace manifold::cli
