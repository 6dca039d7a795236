// One file action (copy, mkdir, mkfile, rm) applied to a mounted snapshot.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "graph/op.hpp"
#include "snapshot/snapshotter.hpp"
#include "worker/copy.hpp"
#include "worker/worker.hpp"

namespace manifold::worker::internal {

/// Lazily opened read-only views of a file op's inputs, as copy sources. Not thread-safe.
class SourceViews {
 public:
  SourceViews(snapshot::Snapshotter& snapshotter, const std::vector<OutputRef>& inputs)
      : snapshotter_(snapshotter), inputs_(inputs) {}
  /// The copy source for input `index` (mounting a view of a snapshot on first use).
  util::Result<CopySource> Get(int index);

 private:
  snapshot::Snapshotter& snapshotter_;
  const std::vector<OutputRef>& inputs_;
  std::map<int, snapshot::ReadView> views_;
};

/// What `copy` asks besides moving files (--chown resolved in `owner_root`, --chmod, --exclude,
/// ADD's unpack); no progress.
util::Result<CopyOptions> CopyOptionsFor(const graph::CopyAction& copy, const std::filesystem::path& owner_root);

/// Applies `action` to the filesystem at `root`; names in --chown resolve in `owner_root`.
/// `copy_progress`, when set, receives a copy's bytes (CopyOptions::progress).
util::Status ApplyAction(const graph::FileAction& action, SourceViews& sources, const std::filesystem::path& root,
                         const std::filesystem::path& owner_root,
                         const std::function<void(int64_t, int64_t)>& copy_progress = {});

}  // namespace manifold::worker::internal
