// What a node says about itself, and reaching it to ask.
#pragma once

#include <string>
#include <vector>

#include "builder/instance.hpp"
#include "image/platform.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// The node protocol this build of manifold speaks; a node answering another is refused.
inline constexpr int kNodeProtocolVersion = 2;  // 2: named contexts (several "context" messages)

/// A node's answer to hello.
struct NodeInfo {
  std::string version;                    ///< the manifold version running there
  int protocol = 0;                       ///< the node protocol version it speaks
  image::Platform native;                 ///< its own CPU's platform
  std::vector<image::Platform> emulated;  ///< platforms it runs through binfmt_misc handlers
};

/// A node of an instance as found now.
struct NodeStatus {
  Node node;
  bool reachable = false;
  std::string error;  ///< why not, when unreachable (the ssh error, a version mismatch, ...)
  NodeInfo info;      ///< when reachable
};

/// This machine's answer: the host platform and the binfmt_misc handlers registered here.
NodeInfo LocalNodeInfo();

/// Asks every node of `instance` (ssh nodes in parallel, each over its own connection, which
/// is closed again). Never fails: an unreachable node is reported as such.
std::vector<NodeStatus> ProbeNodes(const Instance& instance);

}  // namespace manifold::builder
