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
