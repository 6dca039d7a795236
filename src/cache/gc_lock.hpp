// cache::GcLock: builds and `prune` on one root, kept from deleting each other's layers.
#pragma once

#include <filesystem>

#include "util/error.hpp"
#include "util/unique_fd.hpp"

namespace manifold::cache {

/// A flock on MANIFOLD_ROOT/cache/gc.lock. Every build holds it shared for its whole run (its
/// new diff dirs are not in the cache yet); prune holds it exclusive, so it never removes what
/// a running build uses. Released when destroyed (or when the process dies: a killed build
/// never blocks prune).
class GcLock {
 public:
  /// Shared: waits only while a prune runs.
  static util::Result<GcLock> ForBuild(const std::filesystem::path& root);
  /// Exclusive: waits for running builds to end.
  static util::Result<GcLock> ForPrune(const std::filesystem::path& root);
  /// Exclusive, without waiting: nullopt-like error kUnavailable when a build runs.
  static util::Result<GcLock> TryForPrune(const std::filesystem::path& root);

 private:
  explicit GcLock(util::UniqueFd fd) : fd_(std::move(fd)) {}
  util::UniqueFd fd_;
};

}  // namespace manifold::cache
