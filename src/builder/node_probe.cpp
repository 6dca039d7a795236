// ProbeNodes: each node of an instance as found now.
#include "builder/node_info.hpp"

namespace manifold::builder {
namespace {

// This machine is always reachable: asking it is a function call.
NodeStatus ProbeLocal(const Node& node) {
  return NodeStatus{.node = node, .reachable = true, .error = "", .info = LocalNodeInfo()};
}

// TEMPORARY until the node channel lands: ssh nodes are not contacted yet. The ssh transport
// replaces this function (and runs the ssh probes in parallel, as node_info.hpp promises).
NodeStatus ProbeSsh(const Node& node) {
  return NodeStatus{.node = node,
                    .reachable = false,
                    .error = "ssh nodes are probed by the node channel (not wired yet)",
                    .info = {}};
}

}  // namespace

std::vector<NodeStatus> ProbeNodes(const Instance& instance) {
  std::vector<NodeStatus> out;
  out.reserve(instance.nodes.size());
  for (const auto& node : instance.nodes) out.push_back(node.local() ? ProbeLocal(node) : ProbeSsh(node));
  return out;
}

}  // namespace manifold::builder
