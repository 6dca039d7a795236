// ImageUnpacker: pull a manifest's layers, unpack each once into a diff dir, stack them.
#include "worker/image_source.hpp"

#include <fcntl.h>

#include <chrono>
#include <mutex>

#include "image/config.hpp"
#include "image/manifest.hpp"
#include "registry/pull.hpp"
#include "registry/reference.hpp"
#include "snapshot/apply.hpp"

namespace manifold::worker {

util::Result<std::filesystem::path> ImageUnpacker::UnpackLayer(const image::Digest& layer) {
  std::optional<std::promise<util::Result<std::filesystem::path>>> promise;
  DiffFuture future;
  {
    std::lock_guard lock(mu_);
    auto it = unpacked_.find(layer);
    if (it == unpacked_.end()) {
      promise.emplace();
      future = promise->get_future().share();
      unpacked_.emplace(layer, future);
    } else {
      future = it->second;
    }
  }
  if (promise) {
    auto work = [&]() -> util::Result<std::filesystem::path> {
      auto dir = MANIFOLD_TRY(snapshotter_.NewDiffDir());
      auto fd = MANIFOLD_TRY(store_.Open(layer));
      snapshot::ApplyOptions options;
      options.whiteouts = snapshot::WhiteoutMode::kOverlay;
      auto applied = snapshot::Apply(fd.get(), dir, options);
      if (!applied) return std::unexpected(std::move(applied.error()).Context("unpacking layer {}", layer.str()));
      return dir;
    };
    promise->set_value(work());
  }
  return future.get();
}

util::Result<snapshot::SnapshotRef> ImageUnpacker::Unpack(const graph::SourceOp& op, const ExecuteContext& context) {
  auto ref = MANIFOLD_TRY(registry::ParseReference(op.identifier));
  if (!ref.digest) {
    return util::Fail(util::ErrorKind::kInternal, "image source {} was not resolved to a digest", op.identifier);
  }
  auto repository = registries_->RepositoryFor(ref.domain, ref.path);
  std::string manifest_bytes;
  if (store_.Has(*ref.digest)) {
    manifest_bytes = MANIFOLD_TRY(store_.Read(*ref.digest));
  } else {
    auto fetched = MANIFOLD_TRY(repository.GetManifest(ref.digest->str()));
    MANIFOLD_TRY(store_.Put(fetched.bytes));
    manifest_bytes = std::move(fetched.bytes);
  }
  auto manifest = image::ParseManifest(manifest_bytes);
  if (!manifest) return std::unexpected(std::move(manifest.error()).Context("reading manifest of {}", op.identifier));
  MANIFOLD_CHECK(repository.FetchBlob(manifest->config, store_));
  auto config = image::ParseConfig(MANIFOLD_TRY(store_.Read(manifest->config.digest)));
  if (!config) return std::unexpected(std::move(config.error()).Context("reading the config of {}", op.identifier));
  if (config->diff_ids.size() != manifest->layers.size()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}: the config lists {} diff_ids for {} layers", op.identifier,
                      config->diff_ids.size(), manifest->layers.size());
  }
  std::mutex mu;
  auto last = std::chrono::steady_clock::time_point();
  MANIFOLD_CHECK(registry::PullLayers(repository, *manifest, store_, 4, [&](int64_t done, int64_t total) {
    // Layer threads report every piece; a few updates a second and the last one are enough.
    std::lock_guard lock(mu);
    auto now = std::chrono::steady_clock::now();
    if (done < total && now - last < std::chrono::milliseconds(250)) return;
    last = now;
    context.Bytes("pulling " + ref.Name(), done, total);
  }));

  snapshot::SnapshotRef top;
  for (size_t i = 0; i < manifest->layers.size(); ++i) {
    if (context.cancelled()) return util::Fail(util::ErrorKind::kCancelled, "cancelled");
    const auto& layer = manifest->layers[i];
    auto dir = MANIFOLD_TRY(UnpackLayer(layer.digest));
    content::LayerResult blob;
    blob.descriptor = layer;
    blob.diff_id = config->diff_ids[i];
    top = std::make_shared<const snapshot::Snapshot>(dir, top, std::move(blob));
  }
  return top;
}

}  // namespace manifold::worker
