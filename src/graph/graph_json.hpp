// The build graph as JSON: what the client sends a remote build node, and what the node rebuilds.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "graph/op.hpp"
#include "graph/vertex.hpp"
#include "util/error.hpp"

namespace manifold::graph {

/// The inverse of OpToJson: OpToJson(*OpFromJson(OpToJson(op))) == OpToJson(op) for every op,
/// including which optional fields are unset (an ExecMount mode of null is not 0). Accepts only
/// what OpToJson writes: a missing member, a member of the wrong type or range, an unknown enum
/// value or an unknown member is a kInvalidArgument error whose message names the field's path
/// ("actions[1].mode"). Never throws.
util::Result<Op> OpFromJson(const nlohmann::json& j);

/// The graph below `roots` as
///   {"vertices": [{"op": OpToJson(op), "inputs": [index | -1, ...], "name": "...",
///                  "platform": "...", "digest": "sha256:..."}, ...],
///    "roots": [index | -1, ...]}
/// where an index points into "vertices" and -1 is scratch (a null VertexRef). Vertices come in
/// topological order (every input before its users), each Vertex object once however many
/// roots and users share it. `roots` may hold nullptr.
nlohmann::json GraphToJson(const std::vector<VertexRef>& roots);

/// The inverse of GraphToJson: rebuilds every vertex with Vertex::Make and returns the roots
/// in the order sent (nullptr for scratch), sharing vertices exactly as sent. Each rebuilt
/// digest must equal the "digest" sent; a mismatch means the two ends disagree on the graph
/// format (different manifold versions) and is a kInvalidArgument error naming the vertex. An
/// input that is not an earlier vertex, a root out of range, or any malformed field is a
/// kInvalidArgument error naming the vertex and field. Never throws.
util::Result<std::vector<VertexRef>> GraphFromJson(const nlohmann::json& j);

}  // namespace manifold::graph
