// CheckRunnable: the exec vertices' platforms against native + emulated ones.
#include "worker/runnable.hpp"

#include <algorithm>
#include <set>

#include "executor/binfmt.hpp"
#include "image/platform_match.hpp"
#include "image/platform_parse.hpp"
#include "util/id_map.hpp"

namespace manifold::worker {

util::Status CheckRunnable(const std::vector<graph::VertexRef>& roots) {
  std::vector<image::Platform> needed;
  std::set<const graph::Vertex*> seen;
  std::vector<const graph::Vertex*> stack;
  for (const auto& r : roots) if (r) stack.push_back(r.get());
  while (!stack.empty()) {
    const graph::Vertex* v = stack.back();
    stack.pop_back();
    if (!seen.insert(v).second) continue;
    if (const auto* exec = std::get_if<graph::ExecOp>(&v->op())) {
      if (std::find(needed.begin(), needed.end(), exec->platform) == needed.end()) needed.push_back(exec->platform);
    }
    for (const auto& in : v->inputs()) if (in) stack.push_back(in.get());
  }
  return CheckRunnablePlatforms(needed, "RUN steps");
}

util::Status CheckRunnablePlatforms(const std::vector<image::Platform>& needed, std::string_view what) {
  if (needed.empty()) return {};
  auto runnable = MANIFOLD_TRY(executor::RunnablePlatforms());
  for (const auto& p : needed) {
    if (std::any_of(runnable.begin(), runnable.end(), [&](const auto& r) { return image::PlatformMatcher::Only(r).Match(p); })) continue;
    return util::Fail(util::ErrorKind::kUnavailable,
                      "{} for {} cannot run on this {} machine: no emulator is registered for it; run "
                      "`manifold binfmt install {}` (as root{}) and try again",
                      what, image::Format(p), image::Format(image::HostPlatform()), p.architecture,
                      util::CurrentUserNamespace().rootless
                          ? ", once: this rootless build uses the handlers root registers, with the F flag, in every "
                            "namespace"
                          : "");
  }
  return {};
}

}  // namespace manifold::worker
