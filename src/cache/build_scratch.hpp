// cache::BuildScratch: a build's scratch dir, with a lock that tells live builds from dead ones.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

#include "util/error.hpp"
#include "util/unique_fd.hpp"

namespace manifold::cache {

/// MANIFOLD_ROOT/snapshots/<kind>-<pid>-<random>: the scratch space of one build (or one
/// `manifold run`), holding a `lock` file flock'ed for as long as this object lives (and no
/// longer than the process: a killed build's lock is free at once, whoever gets its pid next).
/// The caller removes the directory (the Snapshotter's remove_on_close) before this goes.
class BuildScratch {
 public:
  /// Creates the directory and takes its lock. `kind` is "build" or "run".
  static util::Result<BuildScratch> Create(const std::filesystem::path& root, std::string_view kind);
  const std::filesystem::path& dir() const { return dir_; }

 private:
  BuildScratch(std::filesystem::path dir, util::UniqueFd lock) : dir_(std::move(dir)), lock_(std::move(lock)) {}
  std::filesystem::path dir_;
  util::UniqueFd lock_;
};

/// Removes the scratch dirs (build-*, run-*) under `snapshots` whose build is dead: its lock
/// is free, or, for a dir without one (made by an older manifold), its pid is gone. A live
/// build's dir is never touched: its lock is held, and a dir whose lock file is not there
/// yet has a live pid. `before_remove` runs on each dead dir first, under its lock (e.g. to
/// delete containers left in it). Returns the bytes freed. Safe to run by several processes.
int64_t RemoveDeadScratch(const std::filesystem::path& snapshots,
                          const std::function<void(const std::filesystem::path&)>& before_remove = {});

}  // namespace manifold::cache
