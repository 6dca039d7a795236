// CountRunSteps: a walk of one platform's graph over the solver's per-vertex times.
#include "builder/step_times.hpp"

#include <set>

namespace manifold::builder {

RunStepTimes CountRunSteps(const graph::VertexRef& root, const solver::Solution& solution, const image::Platform& host) {
  RunStepTimes times;
  std::set<const graph::Vertex*> seen;
  std::vector<const graph::Vertex*> stack;
  if (root) stack.push_back(root.get());
  while (!stack.empty()) {
    const graph::Vertex* v = stack.back();
    stack.pop_back();
    if (!seen.insert(v).second) continue;
    for (const auto& in : v->inputs()) {
      if (in) stack.push_back(in.get());
    }
    const auto* exec = std::get_if<graph::ExecOp>(&v->op());
    // A cached step did not run: it is neither native nor emulated work of this build.
    if (exec == nullptr || solution.cached.contains(v->digest())) continue;
    auto it = solution.seconds.find(v->digest());
    double seconds = it == solution.seconds.end() ? 0 : it->second;
    bool native = exec->platform.os == host.os && exec->platform.architecture == host.architecture;
    (native ? times.native_steps : times.emulated_steps) += 1;
    (native ? times.native_seconds : times.emulated_seconds) += seconds;
  }
  return times;
}

}  // namespace manifold::builder
