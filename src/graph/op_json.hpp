// Canonical JSON of operations: the bytes vertex digests are computed over.
#pragma once

#include <nlohmann/json.hpp>

#include "graph/op.hpp"

namespace manifold::graph {

/// Every field that can change an operation's result, as JSON with sorted keys. Two ops give
/// the same JSON exactly when they do the same work. Adding a field to an op means adding it
/// here, or identical-looking vertices of different work would be merged.
nlohmann::json OpToJson(const Op& op);

}  // namespace manifold::graph
