// GraphToJson / GraphFromJson: a graph as a flat, topologically ordered list of vertices.
#include "graph/graph_json.hpp"

#include <unordered_map>

#include "graph/internal/json_fields.hpp"
#include "graph/op_json.hpp"

namespace manifold::graph {

namespace {
using internal::Fields;
using nlohmann::json;
using util::ErrorKind;

constexpr int kScratchIndex = -1;

// Assigns indexes in post-order (inputs first). Iterative: a long chain of steps must not
// exhaust the stack.
class Flattener {
 public:
  int Add(const VertexRef& root) {
    if (!root) return kScratchIndex;
    struct Frame {
      const Vertex* vertex;
      size_t next_input;
    };
    std::vector<Frame> stack;
    if (!index_.contains(root.get())) stack.push_back({root.get(), 0});
    while (!stack.empty()) {
      Frame& top = stack.back();
      const auto& inputs = top.vertex->inputs();
      if (top.next_input < inputs.size()) {
        const Vertex* in = inputs[top.next_input++].get();
        if (in && !index_.contains(in)) stack.push_back({in, 0});
        continue;
      }
      Emit(*top.vertex);
      stack.pop_back();
    }
    return index_.at(root.get());
  }

  json TakeVertices() { return std::move(vertices_); }

 private:
  // A vertex can sit on the stack twice (two paths reach it before it is emitted): emit once.
  void Emit(const Vertex& v) {
    if (index_.contains(&v)) return;
    json inputs = json::array();
    for (const auto& in : v.inputs()) inputs.push_back(in ? index_.at(in.get()) : kScratchIndex);
    vertices_.push_back({{"op", OpToJson(v.op())},
                         {"inputs", std::move(inputs)},
                         {"name", v.name()},
                         {"platform", v.platform()},
                         {"digest", v.digest().str()}});
    index_.emplace(&v, static_cast<int>(vertices_.size()) - 1);
  }

  std::unordered_map<const Vertex*, int> index_;
  json vertices_ = json::array();
};

util::Result<std::vector<VertexRef>> InputsFrom(const Fields& f, size_t index,
                                                const std::vector<VertexRef>& earlier) {
  const json* inputs = MANIFOLD_TRY(f.Member("inputs"));
  if (!inputs->is_array()) return internal::WrongType(f.PathOf("inputs"), "an array", *inputs);
  std::vector<VertexRef> out;
  for (size_t i = 0; i < inputs->size(); ++i) {
    // Only earlier vertices: the list is topologically ordered, which also rules out cycles.
    auto at = internal::IntAt((*inputs)[i], internal::ElementPath(f.PathOf("inputs"), i), kScratchIndex,
                              static_cast<int64_t>(index) - 1);
    if (!at) {
      return std::unexpected(std::move(at.error()).Context("an input is -1 (scratch) or an earlier vertex"));
    }
    out.push_back(*at == kScratchIndex ? nullptr : earlier[static_cast<size_t>(*at)]);
  }
  return out;
}

util::Result<VertexRef> VertexFrom(const Fields& f, size_t index, const std::string& name,
                                   const std::vector<VertexRef>& earlier) {
  MANIFOLD_CHECK(f.OnlyKnown({"op", "inputs", "name", "platform", "digest"}));
  std::string platform = MANIFOLD_TRY(f.String("platform"));
  std::string digest = MANIFOLD_TRY(f.String("digest"));
  auto op = OpFromJson(*MANIFOLD_TRY(f.Member("op")));
  if (!op) return std::unexpected(std::move(op.error()).Context("in field \"op\""));
  std::vector<VertexRef> inputs = MANIFOLD_TRY(InputsFrom(f, index, earlier));
  VertexRef v = Vertex::Make(std::move(*op), std::move(inputs), name, std::move(platform));
  if (v->digest().str() != digest) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "its digest was sent as {} but rebuilds as {}: the two ends disagree on the graph format "
                      "(run the same manifold version on the client and the node)",
                      digest, v->digest().str());
  }
  return v;
}

util::Result<std::vector<VertexRef>> GraphFrom(const json& j) {
  Fields f = MANIFOLD_TRY(Fields::Of(j, ""));
  MANIFOLD_CHECK(f.OnlyKnown({"vertices", "roots"}));
  const json* vertices_json = MANIFOLD_TRY(f.Member("vertices"));
  if (!vertices_json->is_array()) return internal::WrongType("vertices", "an array", *vertices_json);
  std::vector<VertexRef> vertices;
  vertices.reserve(vertices_json->size());
  for (size_t i = 0; i < vertices_json->size(); ++i) {
    Fields v = MANIFOLD_TRY(Fields::Of((*vertices_json)[i], internal::ElementPath("vertices", i)));
    std::string name = MANIFOLD_TRY(v.String("name"));
    auto vertex = VertexFrom(v, i, name, vertices);
    if (!vertex) return std::unexpected(std::move(vertex.error()).Context("vertex {} \"{}\"", i, name));
    vertices.push_back(std::move(*vertex));
  }

  const json* roots_json = MANIFOLD_TRY(f.Member("roots"));
  if (!roots_json->is_array()) return internal::WrongType("roots", "an array", *roots_json);
  std::vector<VertexRef> roots;
  for (size_t i = 0; i < roots_json->size(); ++i) {
    int64_t at = MANIFOLD_TRY(internal::IntAt((*roots_json)[i], internal::ElementPath("roots", i), kScratchIndex,
                                              static_cast<int64_t>(vertices.size()) - 1));
    roots.push_back(at == kScratchIndex ? nullptr : vertices[static_cast<size_t>(at)]);
  }
  return roots;
}
}  // namespace

nlohmann::json GraphToJson(const std::vector<VertexRef>& roots) {
  Flattener flat;
  json root_indexes = json::array();
  for (const auto& r : roots) root_indexes.push_back(flat.Add(r));
  return {{"vertices", flat.TakeVertices()}, {"roots", std::move(root_indexes)}};
}

util::Result<std::vector<VertexRef>> GraphFromJson(const nlohmann::json& j) {
  auto roots = GraphFrom(j);
  if (!roots) return std::unexpected(std::move(roots.error()).Context("reading a build graph"));
  return roots;
}

}  // namespace manifold::graph
