// The kinds of worker::Output: a snapshot (files of a stage) and a view of a local context.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "snapshot/snapshotter.hpp"
#include "worker/worker.hpp"

namespace manifold::worker {

/// A filesystem state made of layers (file ops, exec ops, unpacked images).
class SnapshotOutput final : public Output {
 public:
  explicit SnapshotOutput(snapshot::SnapshotRef snapshot, std::string content_key = {})
      : snapshot_(std::move(snapshot)), content_key_(std::move(content_key)) {}
  const snapshot::SnapshotRef& snapshot() const { return snapshot_; }
  std::string ContentKey() const override { return content_key_; }

 private:
  snapshot::SnapshotRef snapshot_;
  std::string content_key_;
};

/// Decides whether a path (relative to a source's root, '/'-separated, no leading slash) is
/// left out. `is_dir` lets a matcher know a directory could still hold re-included paths.
using PathFilter = std::function<bool(std::string_view relative_path)>;

/// A local directory seen through its .dockerignore: read in place, never copied whole.
/// Its files count as owned by root (as BuildKit resets a context's owners) and nothing may
/// leave it, through `..` or a symlink.
class ContextOutput final : public Output {
 public:
  ContextOutput(std::filesystem::path dir, PathFilter excluded, PathFilter walk_excluded = {})
      : dir_(std::move(dir)), excluded_(std::move(excluded)), walk_excluded_(std::move(walk_excluded)) {}
  const std::filesystem::path& dir() const { return dir_; }
  bool Excluded(std::string_view relative_path) const { return excluded_ && excluded_(relative_path); }
  /// Whether an excluded directory must still be walked for re-included entries.
  bool MustWalk(std::string_view relative_dir) const { return walk_excluded_ && walk_excluded_(relative_dir); }

 private:
  std::filesystem::path dir_;
  PathFilter excluded_;
  PathFilter walk_excluded_;
};

}  // namespace manifold::worker
