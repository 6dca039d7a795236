// cache::LayerUnpacker: blob-only layers unpacked once into the diff store, for every build.
#pragma once

#include <filesystem>
#include <future>
#include <map>
#include <mutex>

#include "cache/meta_store.hpp"
#include "content/store.hpp"
#include "snapshot/snapshotter.hpp"

namespace manifold::cache {

/// The Snapshotter's LayerSource over the persistent diff store: a layer blob (from the
/// content store) is unpacked with overlay whiteouts, confined to its dir whatever the tar
/// holds, once per root — later builds and `manifold run` find it in the MetaStore.
/// Thread-safe: a layer two steps need is unpacked by the first, the other waits.
class LayerUnpacker final : public snapshot::LayerSource {
 public:
  LayerUnpacker(MetaStore& meta, const content::Store& store) : meta_(meta), store_(store) {}
  util::Result<std::filesystem::path> DiffDirOf(const content::LayerResult& layer) override;

 private:
  using DirFuture = std::shared_future<util::Result<std::filesystem::path>>;
  util::Result<std::filesystem::path> Unpack(const image::Digest& blob);

  MetaStore& meta_;
  const content::Store& store_;
  std::mutex mu_;
  std::map<image::Digest, DirFuture> unpacked_;
};

}  // namespace manifold::cache
