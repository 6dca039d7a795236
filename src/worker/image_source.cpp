// ImageUnpacker: pull a manifest's layers and stack them as blob-only snapshots.
#include "worker/image_source.hpp"

#include <fcntl.h>

#include <chrono>
#include <mutex>

#include "image/config.hpp"
#include "image/manifest.hpp"
#include "registry/pull.hpp"
#include "registry/reference.hpp"

namespace manifold::worker {

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
  MANIFOLD_CHECK(repository.FetchConfig(manifest->config, store_));
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
    content::LayerResult blob;
    blob.descriptor = manifest->layers[i];
    blob.diff_id = config->diff_ids[i];
    top = std::make_shared<const snapshot::Snapshot>(std::filesystem::path(), top, std::move(blob));
  }
  return top;
}

}  // namespace manifold::worker
