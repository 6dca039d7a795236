// Direct COPY layers: a COPY from the context into an empty layer written as its blob in one pass.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "content/compress.hpp"
#include "content/layout_tar_head.hpp"
#include "content/store.hpp"
#include "graph/op.hpp"
#include "snapshot/snapshotter.hpp"
#include "util/error.hpp"
#include "worker/outputs.hpp"

namespace manifold::worker {

/// The settings a build's layers are made with (the first image output's compression and level,
/// SOURCE_DATE_EPOCH's mtime clamp): what exporter::LayerMaker is given.
struct LayerSettings {
  content::CompressorOptions compression;
  std::optional<int64_t> clamp_mtime;
};

/// False when MANIFOLD_COPY_DIRECT is "0", "false" or "off": every COPY then goes through a
/// diff dir (the slow path), for tests and for a user who meets a difference.
bool DirectCopyEnabled();

/// What WriteDirectCopyLayer needs besides the step.
struct DirectCopyRequest {
  const content::Store* store = nullptr;              ///< where the blob goes
  snapshot::Snapshotter* snapshotter = nullptr;        ///< views for --chown names
  LayerSettings settings;
  std::function<void(int64_t copied, int64_t total)> progress;  ///< CopyOptions::progress
  /// An archive output begun during the build (not owned; nullptr = none): the first layer
  /// written here is written into it too (content::LayoutTarHead::Claim()).
  content::LayoutTarHead* archive_head = nullptr;
};

/// Writes the layer of `op` straight from the build context when the step's actions are all COPY
/// (not ADD) from context inputs (`COPY a b /dst/` is one action per source) into an empty layer (`base` null, or COPY --link): the copy is
/// planned in memory with the very rules of Copy() (worker/internal/copy_plan.hpp), then each
/// file is read once into a tar streamed through content::LayerWriter into the store. The tar
/// is the one WriteTreeTar would make of the diff dir a real copy gives, so the blob is the
/// slow path's, byte for byte, for the same settings. The result is a blob-only snapshot (over
/// `base` for --link) with Snapshot::built() set; its files appear on first use through the
/// Snapshotter's LayerSource. Returns nullptr when the step does not qualify, or when the plan
/// meets what it does not model (resolving through a symlink it made) or fails (the slow path
/// then reports the error in its own words), or when the copy is empty. Errors: reading a
/// source (kConflict when a file changed since it was planned), writing the blob.
util::Result<snapshot::SnapshotRef> WriteDirectCopyLayer(const graph::FileOp& op, const std::vector<OutputRef>& inputs,
                                                         const snapshot::SnapshotRef& base,
                                                         const DirectCopyRequest& request);

}  // namespace manifold::worker
