// builder::RunStepTimes: how many RUN steps a platform ran natively and emulated, and how long.
#pragma once

#include "graph/vertex.hpp"
#include "image/platform.hpp"
#include "solver/solver.hpp"

namespace manifold::builder {

/// RUN steps of one platform's graph, split by whether they ran on this machine's own
/// architecture or under QEMU. A step shared by platforms (a `$BUILDPLATFORM` stage) counts in
/// each platform whose image needed it.
struct RunStepTimes {
  int native_steps = 0, emulated_steps = 0;
  double native_seconds = 0, emulated_seconds = 0;
};

/// Sums the exec vertices reachable from `root` with their times from `solution`.
RunStepTimes CountRunSteps(const graph::VertexRef& root, const solver::Solution& solution, const image::Platform& host);

}  // namespace manifold::builder
