// Cache keys: the op's canonical JSON with inputs replaced by their keys.
#include "solver/cache_key.hpp"

#include <nlohmann/json.hpp>

#include "graph/op_json.hpp"
#include "util/sha256.hpp"

namespace manifold::solver {

std::string CacheKey(const graph::Vertex& vertex, const std::vector<std::string>& input_keys,
                     std::string_view content) {
  nlohmann::json op = graph::OpToJson(vertex.op());
  // The network a RUN step had does not change what it wrote (as BuildKit): a step rebuilt
  // with --network=none reuses the result.
  if (std::holds_alternative<graph::ExecOp>(vertex.op())) op.erase("network");
  nlohmann::json j = {{"v", 1}, {"op", std::move(op)}, {"inputs", input_keys}, {"content", content}};
  return "sha256:" + util::Sha256::Hex(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace manifold::solver
