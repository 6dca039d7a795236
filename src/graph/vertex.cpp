// Vertex construction and digests.
#include "graph/vertex.hpp"

#include "graph/op_json.hpp"

namespace manifold::graph {

Vertex::Vertex(Op op, std::vector<VertexRef> inputs, std::string name, std::string platform)
    : op_(std::move(op)),
      inputs_(std::move(inputs)),
      name_(std::move(name)),
      platform_(std::move(platform)),
      digest_(image::Digest::OfBytes(CanonicalBytes())) {}

Vertex::~Vertex() {
  // An input this vertex holds the last reference to gives its own inputs to `pending` before
  // it dies, so each destructor frees at most one level.
  std::vector<VertexRef> pending = std::move(inputs_);
  while (!pending.empty()) {
    VertexRef v = std::move(pending.back());
    pending.pop_back();
    if (v && v.use_count() == 1) {
      // Sole owner: nothing else can reach it, so taking its inputs is safe.
      auto& inputs = const_cast<Vertex&>(*v).inputs_;
      for (auto& in : inputs) pending.push_back(std::move(in));
      inputs.clear();
    }
  }
}

VertexRef Vertex::Make(Op op, std::vector<VertexRef> inputs, std::string name, std::string platform) {
  return VertexRef(new Vertex(std::move(op), std::move(inputs), std::move(name), std::move(platform)));
}

std::string Vertex::CanonicalBytes() const {
  nlohmann::json inputs = nlohmann::json::array();
  for (const auto& in : inputs_) inputs.push_back(in ? in->digest().str() : kScratchInput);
  // Compact, sorted-key JSON: the same op always serializes to the same bytes.
  nlohmann::json j = {{"op", OpToJson(op_)}, {"inputs", inputs}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace manifold::graph
