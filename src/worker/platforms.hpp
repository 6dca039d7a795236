// worker::RunnablePlatforms: the platforms this machine runs, for layers that may not see executor.
#pragma once

#include <vector>

#include "image/platform.hpp"
#include "util/error.hpp"

namespace manifold::worker {

/// The host's platform first, then those of the binfmt_misc handlers registered here (the same
/// list as executor::RunnablePlatforms, which this forwards to). Errors as that function's.
util::Result<std::vector<image::Platform>> RunnablePlatforms();

}  // namespace manifold::worker
