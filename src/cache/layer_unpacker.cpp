// Unpacking layer blobs into the diff store, once.
#include "cache/layer_unpacker.hpp"

#include "snapshot/apply.hpp"

namespace manifold::cache {

util::Result<std::filesystem::path> LayerUnpacker::Unpack(const image::Digest& blob) {
  if (auto known = MANIFOLD_TRY(meta_.UnpackedDiff(blob))) {
    auto dir = meta_.diffs_dir() / *known;
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec)) return dir;
  }
  auto dir = MANIFOLD_TRY(snapshot::CreateUniqueDir(meta_.diffs_dir()));
  auto work = [&]() -> util::Status {
    auto fd = MANIFOLD_TRY(store_.Open(blob));
    snapshot::ApplyOptions options;
    options.whiteouts = snapshot::WhiteoutMode::kOverlay;
    auto applied = snapshot::Apply(fd.get(), dir, options);
    if (!applied) return std::unexpected(std::move(applied.error()).Context("unpacking layer {}", blob.str()));
    // Only a complete dir is registered: a crash before this leaves an unknown dir that
    // `manifold prune` removes.
    return meta_.AddUnpackedDiff(dir.filename().string(), blob);
  };
  if (auto done = work(); !done) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return std::unexpected(std::move(done.error()));
  }
  return dir;
}

util::Result<std::filesystem::path> LayerUnpacker::DiffDirOf(const content::LayerResult& layer) {
  const image::Digest& blob = layer.descriptor.digest;
  std::optional<std::promise<util::Result<std::filesystem::path>>> promise;
  DirFuture future;
  {
    std::lock_guard lock(mu_);
    auto it = unpacked_.find(blob);
    if (it == unpacked_.end()) {
      promise.emplace();
      future = promise->get_future().share();
      unpacked_.emplace(blob, future);
    } else {
      future = it->second;
    }
  }
  if (promise) promise->set_value(Unpack(blob));
  return future.get();
}

}  // namespace manifold::cache
