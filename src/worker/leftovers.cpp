// LockRootForBuild: the cache's sweeps of dead builds, with the executor's container cleanup.
#include "worker/leftovers.hpp"

#include "cache/build_scratch.hpp"
#include "cache/prune.hpp"
#include "executor/container.hpp"

namespace manifold::worker {

util::Result<cache::GcLock> LockRootForBuild(const std::filesystem::path& root, cache::MetaStore& meta) {
  if (auto alone = cache::GcLock::TryForPrune(root)) (void)cache::RemoveUnknownDiffs(meta);
  // Between the exclusive lock's release and the shared one a prune may slip in: we wait for it.
  auto lock = MANIFOLD_TRY(cache::GcLock::ForBuild(root));
  (void)cache::RemoveDeadScratch(root / "snapshots", [](const std::filesystem::path& dead) {
    executor::RemoveLeftoverContainers(dead / kExecStateDir);
  });
  return lock;
}

}  // namespace manifold::worker
