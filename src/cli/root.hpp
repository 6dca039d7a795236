// Shared cli helpers: where state lives, and how a build result is summarized.
#pragma once

#include <filesystem>

#include "builder/build.hpp"

namespace manifold::cli {

/// MANIFOLD_ROOT, else /var/lib/manifold for root, else $XDG_DATA_HOME/manifold
/// (~/.local/share/manifold).
std::filesystem::path RootDir();

/// Prints what a build produced, imagetools-style, to stderr (platforms, digests, sizes); in
/// quiet mode only the root digest, on stdout (as `docker buildx build -q`).
void PrintBuildSummary(const builder::BuildResult& result, bool quiet);

}  // namespace manifold::cli
