// Diff dirs to layer blobs, memoized.
#include "exporter/layers.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "content/recompress.hpp"
#include "snapshot/tar_tree.hpp"
#include "snapshot/tar_writer.hpp"

namespace manifold::exporter {

util::Result<std::optional<content::LayerResult>> LayerMaker::Make(const std::filesystem::path& diff_dir) {
  std::error_code ec;
  if (std::filesystem::is_empty(diff_dir, ec) && !ec) return std::optional<content::LayerResult>();
  auto writer = MANIFOLD_TRY(content::LayerWriter::Create(store_, compression_));
  snapshot::TarWriter tar(*writer);
  snapshot::TreeTarOptions options;
  options.clamp_mtime = clamp_mtime_;
  options.overlay_whiteouts = true;
  MANIFOLD_CHECK(snapshot::WriteTreeTar(diff_dir, tar, options));
  MANIFOLD_CHECK(tar.Finish());
  auto layer = MANIFOLD_TRY(writer->Finish());
  return std::optional<content::LayerResult>(std::move(layer));
}

std::string LayerMaker::Variant() const {
  return fmt::format("{}/{}/{}", content::LayerMediaType(compression_.compression),
                     compression_.level ? std::to_string(*compression_.level) : "-",
                     clamp_mtime_ ? std::to_string(*clamp_mtime_) : "-");
}

util::Result<std::optional<content::LayerResult>> LayerMaker::MakeOrReuse(const std::filesystem::path& diff_dir) {
  const bool in_cache = cache_ != nullptr && diff_dir.parent_path() == cache_->diffs_dir();
  if (!in_cache) return Make(diff_dir);
  const std::string id = diff_dir.filename().string();
  if (auto made = MANIFOLD_TRY(cache_->DiffBlob(id, Variant())); made && store_.Has(made->descriptor.digest)) {
    return std::optional<content::LayerResult>(*made);
  }
  auto layer = MANIFOLD_TRY(Make(diff_dir));
  if (layer) MANIFOLD_CHECK(cache_->SetDiffBlob(id, Variant(), *layer));
  return layer;
}

util::Result<content::LayerResult> LayerMaker::BaseLayer(const content::LayerResult& blob) {
  auto has = content::LayerCompressionOf(blob.descriptor.media_type);
  // Only a plain layer in another compression is re-encoded; BuildKit keeps the same type as is.
  if (!force_compression_ || !has || *has == compression_.compression) return blob;
  std::shared_future<util::Result<content::LayerResult>> future;
  std::optional<std::promise<util::Result<content::LayerResult>>> promise;
  {
    std::lock_guard lock(mu_);
    auto it = recompressed_.find(blob.descriptor.digest);
    if (it == recompressed_.end()) {
      promise.emplace();
      future = promise->get_future().share();
      recompressed_.emplace(blob.descriptor.digest, future);
    } else {
      future = it->second;
    }
  }
  if (promise) promise->set_value(content::Recompress(store_, blob, compression_));
  const auto& result = future.get();
  if (!result) return std::unexpected(util::Error(result.error()).Context("force-compression of a base layer"));
  return *result;
}

util::Result<std::vector<std::optional<content::LayerResult>>> LayerMaker::Layers(const snapshot::SnapshotRef& top) {
  std::vector<std::optional<content::LayerResult>> layers;
  if (!top) return layers;
  std::vector<const snapshot::Snapshot*> chain;
  for (const snapshot::Snapshot* s = top.get(); s != nullptr; s = s->parent().get()) chain.push_back(s);
  std::reverse(chain.begin(), chain.end());
  for (const snapshot::Snapshot* snap : chain) {
    if (snap->blob()) {  // a base image's layer: its own blob, not a re-archived copy
      layers.push_back(MANIFOLD_TRY(BaseLayer(*snap->blob())));
      continue;
    }
    const std::filesystem::path& diff_dir = snap->diff_dir();
    if (diff_dir.empty()) {  // a step that changed nothing
      layers.emplace_back();
      continue;
    }
    LayerFuture future;
    std::optional<std::promise<util::Result<std::optional<content::LayerResult>>>> promise;
    {
      std::lock_guard lock(mu_);
      auto it = made_.find(diff_dir);
      if (it == made_.end()) {
        promise.emplace();
        future = promise->get_future().share();
        made_.emplace(diff_dir, future);
      } else {
        future = it->second;
      }
    }
    if (promise) promise->set_value(MakeOrReuse(diff_dir));
    const auto& result = future.get();
    if (!result) return std::unexpected(util::Error(result.error()).Context("archiving layer {}", diff_dir.string()));
    layers.push_back(*result);
  }
  return layers;
}

}  // namespace manifold::exporter
