// Which node of a builder instance builds which target platform.
#pragma once

#include <string>
#include <vector>

#include "builder/node_info.hpp"
#include "image/platform.hpp"
#include "util/error.hpp"

namespace manifold::builder {

struct Assignment {
  image::Platform platform;
  size_t node = 0;     ///< index into the statuses given
  bool native = true;  ///< the node's CPU runs it (else QEMU on that node)
};

/// Assigns every target: to a reachable node that lists it (`create --platform`) first; else to
/// a node that builds it natively; else to one that emulates it; else (file-only builds need
/// no CPU of the platform's kind) to any reachable node; the local node wins ties. An
/// unreachable node fails the assignment (naming it and the ssh error) unless
/// `allow_fallback`: its platforms then go elsewhere.
util::Result<std::vector<Assignment>> AssignPlatforms(const std::vector<image::Platform>& targets,
                                                      std::string_view instance,
                                                      const std::vector<NodeStatus>& nodes, bool allow_fallback);

/// True when a CPU of platform `native` runs `platform` itself (amd64 runs 386, arm64 runs arm64
/// only).
bool RunsNatively(const image::Platform& native, const image::Platform& platform);
/// True when `node` runs `platform` through a binfmt_misc handler.
bool RunsEmulated(const NodeInfo& node, const image::Platform& platform);

}  // namespace manifold::builder
