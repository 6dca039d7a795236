// The version strings, compiled in here alone so a new commit rebuilds one file.
#include "util/version.hpp"

namespace manifold::util {

std::string_view Version() { return MANIFOLD_VERSION; }

std::string_view GitCommit() { return MANIFOLD_GIT_COMMIT; }

}  // namespace manifold::util
