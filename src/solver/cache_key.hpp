// solver::CacheKey: what identifies a step's result across builds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/vertex.hpp"

namespace manifold::solver {

/// "sha256:…" over the vertex's operation, its inputs' cache keys ("scratch" for none) and
/// `content` (the worker's checksum of local files the step reads). Unlike the vertex digest,
/// it leaves out what BuildKit's exec cache map clears: the addresses of an exec's extra
/// hosts (their names stay), and an unset (default) network mode; none, host, the security
/// mode, ulimits and the cgroup parent are part of it. Cache mounts' and secrets' contents are
/// never part of it (only their definitions are in the op).
std::string CacheKey(const graph::Vertex& vertex, const std::vector<std::string>& input_keys,
                     std::string_view content);

/// The key of the vertex whatever the contents it reads: the same for every CacheKey that
/// differs only in `content`, and never equal to one of them. A cache without a record of this
/// shape cannot hit, so the content checksum need not come first.
std::string ShapeKey(const graph::Vertex& vertex, const std::vector<std::string>& input_keys);

}  // namespace manifold::solver
