// The manifold version and commit, for `manifold version` and for what a node says about itself.
#pragma once

#include <string_view>

namespace manifold::util {

/// The project version (CMake's PROJECT_VERSION, "0.1.0"). Never fails; thread-safe.
std::string_view Version();

/// The short commit the binary was built from, or "unknown" outside a git checkout.
std::string_view GitCommit();

}  // namespace manifold::util
