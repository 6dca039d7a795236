// LocalNodeInfo: what this machine answers to hello.
#include <algorithm>

#include "builder/node_info.hpp"
#include "image/platform_parse.hpp"
#include "util/version.hpp"
#include "worker/platforms.hpp"

namespace manifold::builder {

NodeInfo LocalNodeInfo() {
  NodeInfo info{.version = std::string(util::Version()),
                .protocol = kNodeProtocolVersion,
                .native = image::HostPlatform(),
                .emulated = {}};
  // Listing the handlers reads /proc/sys/fs/binfmt_misc and never fails today; should it ever,
  // the node still answers, as one that emulates nothing (builds then fail with the binfmt hint).
  auto runnable = worker::RunnablePlatforms();
  if (!runnable) return info;
  for (auto& p : *runnable) {
    if (p == info.native || std::find(info.emulated.begin(), info.emulated.end(), p) != info.emulated.end()) continue;
    info.emulated.push_back(std::move(p));
  }
  return info;
}

}  // namespace manifold::builder
