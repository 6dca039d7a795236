// Probing the nodes of an instance: this machine directly, ssh nodes over a short session.
#include "builder/node_connection.hpp"
#include "builder/node_info.hpp"

namespace manifold::builder {

std::vector<NodeStatus> ProbeNodes(const Instance& instance) {
  // A session that says hello and ends: the same path a build takes, so what inspect reports
  // is what a build will meet.
  std::vector<std::unique_ptr<NodeConnection>> connections;
  return ConnectNodes(instance, connections);
}

}  // namespace manifold::builder
