// PrintBakeSummary: the table `manifold bake` ends with, one row per target and platform.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "builder/build.hpp"

namespace manifold::cli {

/// Prints on stderr, after "N targets built in S s": TARGET, PLATFORM, DIGEST (the platform
/// manifest's, shortened), NODE ("native"/"emulated") and RUN (its RUN steps' seconds), then
/// where each target's images went (pushed, loaded, archived names, else `outputs`: the
/// target's --output values by name, as given).
void PrintBakeSummary(const std::vector<std::pair<std::string, builder::BuildResult>>& results,
                      const std::map<std::string, std::vector<std::string>>& outputs, double seconds);

}  // namespace manifold::cli
