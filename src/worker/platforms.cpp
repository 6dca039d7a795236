// Forwards to the executor, so builder can ask what runs here without including executor.
#include "worker/platforms.hpp"

#include "executor/binfmt.hpp"

namespace manifold::worker {

util::Result<std::vector<image::Platform>> RunnablePlatforms() { return executor::RunnablePlatforms(); }

}  // namespace manifold::worker
