// PrintBakeSummary: the table `manifold bake` ends with, one row per target and platform.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "builder/build.hpp"

namespace manifold::cli {

/// Prints on stderr, after "N targets built in S s": TARGET, PLATFORM, DIGEST (the platform
/// manifest's, shortened), NODE ("native"/"emulated") and RUN (its RUN steps' seconds), then
/// where each target's images went (pushed, loaded, archived names).
void PrintBakeSummary(const std::vector<std::pair<std::string, builder::BuildResult>>& results, double seconds);

}  // namespace manifold::cli
