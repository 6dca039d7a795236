// Probing the nodes of an instance: this machine directly, ssh nodes over a short session.
#include <thread>

#include "builder/node_connection.hpp"
#include "builder/node_info.hpp"

namespace manifold::builder {

std::vector<NodeStatus> ProbeNodes(const Instance& instance) {
  std::vector<NodeStatus> statuses(instance.nodes.size());
  std::vector<std::thread> probes;
  for (size_t i = 0; i < instance.nodes.size(); ++i) {
    statuses[i].node = instance.nodes[i];
    if (instance.nodes[i].local()) {
      statuses[i].reachable = true;
      statuses[i].info = LocalNodeInfo();
      continue;
    }
    // A session that says hello and ends: the same path a build takes, so what inspect
    // reports is what a build will meet.
    probes.emplace_back([&statuses, &instance, i] {
      auto connection = NodeConnection::Open(instance.nodes[i]);
      if (!connection) {
        statuses[i].error = connection.error().What();
        return;
      }
      statuses[i].reachable = true;
      statuses[i].info = (*connection)->info();
    });
  }
  for (auto& probe : probes) probe.join();
  return statuses;
}

}  // namespace manifold::builder
