// Cache keys: the op's canonical JSON with inputs replaced by their keys.
#include "solver/cache_key.hpp"

#include <nlohmann/json.hpp>

#include "graph/op_json.hpp"
#include "util/sha256.hpp"

namespace manifold::solver {

std::string CacheKey(const graph::Vertex& vertex, const std::vector<std::string>& input_keys,
                     std::string_view content) {
  nlohmann::json op = graph::OpToJson(vertex.op());
  if (const auto* exec = std::get_if<graph::ExecOp>(&vertex.op())) {
    // As BuildKit's exec cache map (the whole ExecOp, with a few fields cleared): the network
    // and security modes, ulimits, cgroup parent, the names of extra hosts and every mount
    // (the /dev/shm tmpfs of --shm-size with its size) change the key; the addresses of extra
    // hosts do not, so pointing a name elsewhere reuses the result. An unset network (BuildKit
    // omits NetMode UNSET) is left out, so steps that set nothing keep the key they always had.
    if (exec->network == graph::ExecOp::Network::kDefault) op.erase("network");
    if (op.contains("extra_hosts")) {
      for (auto& host : op["extra_hosts"]) host.erase("ip");
    }
  }
  nlohmann::json j = {{"v", 1}, {"op", std::move(op)}, {"inputs", input_keys}, {"content", content}};
  return "sha256:" + util::Sha256::Hex(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string ShapeKey(const graph::Vertex& vertex, const std::vector<std::string>& input_keys) {
  // A worker's content is text lines ending in "\n" or empty; this is neither.
  return CacheKey(vertex, input_keys, "shape");
}

}  // namespace manifold::solver
