// LayerMaker: a snapshot chain → compressed layer blobs, each diff made and compressed once.
#pragma once

#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "cache/meta_store.hpp"
#include "content/layer_writer.hpp"
#include "content/store.hpp"
#include "progress/activity.hpp"
#include "snapshot/snapshotter.hpp"
#include "util/error.hpp"

namespace manifold::exporter {

/// Turns the diff dirs of snapshots into layer blobs in the store. A diff dir shared by several
/// platforms' chains is archived and compressed once (the first caller does the work, the
/// others wait for it), and an empty diff gives no layer. With a cache, a diff of its store
/// is archived once for each layer setting (compression, level, mtime clamp) across builds:
/// the blob made earlier is reused while the store holds it. Thread-safe.
class LayerMaker {
 public:
  LayerMaker(const content::Store& store, content::CompressorOptions compression,
             std::optional<int64_t> clamp_mtime, cache::MetaStore* cache = nullptr)
      : store_(store), compression_(compression), clamp_mtime_(clamp_mtime), cache_(cache) {}

  /// force-compression: a base image's layer whose compression is not the one asked for is
  /// recompressed (once per blob) instead of reused as it is. Call before Layers().
  void SetForceCompression(bool force) { force_compression_ = force; }

  /// Where the layers made from now on report: bytes of each as it is archived and compressed
  /// ("layer N", N counting the layers this maker made), then one line with its digest; a layer
  /// made earlier and reused says so. nullptr (the default) = silent. `activity` is not owned and
  /// must outlive the calls that use it; set it between calls to Layers(), not during one.
  void SetProgress(progress::Activity* activity) { progress_ = activity; }

  /// One entry per snapshot of the chain, bottom first: the layer, or nullopt for an empty diff.
  util::Result<std::vector<std::optional<content::LayerResult>>> Layers(const snapshot::SnapshotRef& top);

 private:
  using LayerFuture = std::shared_future<util::Result<std::optional<content::LayerResult>>>;
  util::Result<std::optional<content::LayerResult>> Make(const std::filesystem::path& diff_dir);
  util::Result<std::optional<content::LayerResult>> MakeOrReuse(const std::filesystem::path& diff_dir);
  std::string Variant() const;
  util::Result<content::LayerResult> BaseLayer(const content::LayerResult& blob);
  // A blob a build wrote itself (Snapshot::built()): reused when made with this maker's settings.
  util::Result<content::LayerResult> BuiltBlob(const content::LayerResult& blob, const snapshot::BuiltLayer& built);
  // `blob` in this maker's compression, re-encoded once per blob.
  util::Result<content::LayerResult> Recompressed(const content::LayerResult& blob);

  const content::Store& store_;
  content::CompressorOptions compression_;
  std::optional<int64_t> clamp_mtime_;
  cache::MetaStore* cache_;
  std::mutex mu_;
  std::map<std::filesystem::path, LayerFuture> made_;
  bool force_compression_ = false;
  std::map<image::Digest, std::shared_future<util::Result<content::LayerResult>>> recompressed_;
  progress::Activity* progress_ = nullptr;
  int layers_made_ = 0;  // under mu_
};

}  // namespace manifold::exporter
