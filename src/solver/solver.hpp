// solver::Solve: merge every platform's graph by vertex digest and run it in parallel.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <stop_token>
#include <string>
#include <vector>

#include "graph/vertex.hpp"
#include "progress/sink.hpp"
#include "util/error.hpp"
#include "worker/result_cache.hpp"
#include "worker/worker.hpp"

namespace manifold::solver {

/// One platform's wanted result: the final state of its target stage.
struct Target {
  Target(std::string platform_name, graph::VertexRef root_vertex, std::string build_name = "")
      : platform(std::move(platform_name)), root(std::move(root_vertex)), build(std::move(build_name)) {}

  std::string platform;  ///< "linux/arm64", as shown to users
  graph::VertexRef root; ///< nullptr = an empty filesystem (FROM scratch with no file steps)
  /// The build this target belongs to when one solve serves several (bake's target name); ""
  /// for a single build. Progress names a vertex's builds as it names its platforms.
  std::string build;
};

struct SolveOptions {
  int jobs = 0;                         ///< vertices run at once; 0 = number of cores
  progress::Sink* progress = nullptr;   ///< nullptr = no progress
  /// Stopping it (Ctrl-C) cancels the solve: running vertices are told to stop (containers
  /// are killed), none start, and Solve returns kCancelled.
  std::stop_token cancel = {};
  /// Where results are looked up before a step runs and kept after; nullptr = no cache.
  worker::ResultCache* cache = nullptr;
  /// Steps for which the cache is not consulted (their results are still kept): --no-cache
  /// (all), --no-cache-filter (some stages). Unset = consult it for every step.
  std::function<bool(const graph::Vertex&)> ignore_cache = {};
  /// A step whose key needs a checksum of context files, and that no record can match (none
  /// was kept with its ShapeKey, or the cache is not consulted for it), runs while that
  /// checksum is computed rather than after it. Off when the cache holds records without
  /// shapes that this build could hit (an import): a step would then run only to be matched.
  bool key_while_running = true;
};

/// What a solve produced: every vertex's output, by digest.
class Solution {
 public:
  /// The output for a vertex of the solved graph (nullptr for scratch).
  worker::OutputRef Output(const graph::VertexRef& vertex) const;
  std::map<image::Digest, worker::OutputRef> outputs;
  /// Wall time each executed vertex took, in seconds.
  std::map<image::Digest, double> seconds;
  /// Every vertex's cache key (computed when a cache was given).
  std::map<image::Digest, std::string> keys;
  /// The vertices whose result came from the cache.
  std::set<image::Digest> cached;
};

/// Runs the union of the targets' graphs. Vertices with the same digest are one vertex and run
/// once, whichever platforms need them; a vertex starts when all its inputs are done; up to
/// `jobs` run at once. With a cache, a step whose key has a record is not run: its result is
/// the record's (a kCached event instead of Started/Done), and a step that ran is recorded.
/// Local and downloaded sources always run (they are cheap, and what they hold is in the keys
/// of the steps reading them). The first failure stops the solve: running vertices see
/// ExecuteContext::cancelled(), nothing new starts, and the error returned names the step
/// ("[linux/arm64 stage-1 3/7] COPY …: <cause>"). Progress events carry each vertex's display
/// name with its platforms (none when every target shares it).
util::Result<Solution> Solve(const std::vector<Target>& targets, worker::Worker& worker,
                             const SolveOptions& options);

/// The name progress shows for a vertex serving `platforms` out of `all_platforms`:
/// "[stage 1/2] X" → "[linux/arm64 stage 1/2] X"; shared by all → unchanged; by some → joined.
std::string DisplayName(const std::string& name, const std::vector<std::string>& platforms,
                        size_t all_platforms);

/// `name` with `prefix` put first inside its leading "[...]" (or as a new "[prefix] " when it
/// has none): ("[base 1/2] X", "app") → "[app base 1/2] X". An empty prefix changes nothing.
std::string PrefixedName(const std::string& name, const std::string& prefix);

}  // namespace manifold::solver
