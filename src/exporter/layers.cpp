// Diff dirs to layer blobs, memoized.
#include "exporter/layers.hpp"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "content/recompress.hpp"
#include "snapshot/tar_tree.hpp"
#include "snapshot/tar_writer.hpp"

namespace manifold::exporter {

namespace {

// The size of the tar a tree makes, near enough for a progress bar: a header block per entry
// and each file's data rounded up to blocks (pax records for long names and xattrs are not
// counted; the last report says the exact size).
int64_t EstimateTarSize(const std::filesystem::path& root) {
  constexpr int64_t kBlock = 512;
  int64_t size = 2 * kBlock;
  std::error_code ec;
  for (std::filesystem::recursive_directory_iterator it(root, std::filesystem::directory_options::none, ec), end;
       !ec && it != end; it.increment(ec)) {
    size += kBlock;
    if (it->is_regular_file(ec) && !it->is_symlink(ec)) {
      auto file = static_cast<int64_t>(it->file_size(ec));
      if (!ec) size += (file + kBlock - 1) / kBlock * kBlock;
    }
  }
  return size;
}

// Counts the tar bytes on their way into the compressor.
class CountingSink final : public content::ByteSink {
 public:
  CountingSink(content::ByteSink& inner, std::function<void(int64_t)> report)
      : inner_(inner), report_(std::move(report)) {}
  util::Status Write(std::string_view data) override {
    MANIFOLD_CHECK(inner_.Write(data));
    written_ += static_cast<int64_t>(data.size());
    report_(written_);
    return {};
  }

 private:
  content::ByteSink& inner_;
  std::function<void(int64_t)> report_;
  int64_t written_ = 0;
};

std::string Mb(int64_t bytes) { return fmt::format("{:.2f}MB", static_cast<double>(bytes) / 1e6); }

}  // namespace

util::Result<std::optional<content::LayerResult>> LayerMaker::Make(const std::filesystem::path& diff_dir) {
  std::error_code ec;
  if (std::filesystem::is_empty(diff_dir, ec) && !ec) return std::optional<content::LayerResult>();
  progress::Activity* activity = progress_;
  std::string status;
  int64_t estimate = 0;
  if (activity != nullptr) {
    std::lock_guard lock(mu_);
    status = fmt::format("layer {}", ++layers_made_);
  }
  if (activity != nullptr) estimate = EstimateTarSize(diff_dir);
  auto writer = MANIFOLD_TRY(content::LayerWriter::Create(store_, compression_));
  CountingSink counted(*writer, [&](int64_t written) {
    // The estimate may fall short by a pax record or two: the bar stops just before the end
    // until the exact size is known.
    if (activity != nullptr) activity->Bytes(status, std::min(written, estimate - 1), estimate);
  });
  snapshot::TarWriter tar(counted);
  snapshot::TreeTarOptions options;
  options.clamp_mtime = clamp_mtime_;
  options.overlay_whiteouts = true;
  MANIFOLD_CHECK(snapshot::WriteTreeTar(diff_dir, tar, options));
  MANIFOLD_CHECK(tar.Finish());
  auto layer = MANIFOLD_TRY(writer->Finish());
  if (activity != nullptr) {
    activity->Bytes(status, layer.uncompressed_size, layer.uncompressed_size);
    activity->Log(fmt::format("{}: {} {} ({} uncompressed)", status, layer.descriptor.digest.str(),
                              Mb(layer.descriptor.size), Mb(layer.uncompressed_size)));
  }
  return std::optional<content::LayerResult>(std::move(layer));
}

std::string LayerMaker::Variant() const { return content::LayerVariantName(compression_, clamp_mtime_); }

util::Result<std::optional<content::LayerResult>> LayerMaker::MakeOrReuse(const std::filesystem::path& diff_dir) {
  const bool in_cache = cache_ != nullptr && diff_dir.parent_path() == cache_->diffs_dir();
  if (!in_cache) return Make(diff_dir);
  const std::string id = diff_dir.filename().string();
  if (auto made = MANIFOLD_TRY(cache_->DiffBlob(id, Variant())); made && store_.Has(made->descriptor.digest)) {
    if (progress_ != nullptr) {
      progress_->Log(fmt::format("{} {} reused (compressed by an earlier build)", made->descriptor.digest.str(),
                                 Mb(made->descriptor.size)));
    }
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
  return Recompressed(blob);
}

util::Result<content::LayerResult> LayerMaker::BuiltBlob(const content::LayerResult& blob,
                                                         const snapshot::BuiltLayer& built) {
  if (built.variant == Variant()) {
    if (progress_ != nullptr) {
      progress_->Log(fmt::format("{} {} reused (written while copying)", blob.descriptor.digest.str(),
                                 Mb(blob.descriptor.size)));
    }
    return blob;
  }
  // Same tar, other compression or level: re-encoding it gives what archiving the files would.
  if (content::LayerVariantClamp(built.variant) == content::LayerVariantClamp(Variant())) {
    auto layer = MANIFOLD_TRY(Recompressed(blob));
    if (progress_ != nullptr) {
      progress_->Log(fmt::format("{}: {} re-encoded as {} ({})", blob.descriptor.digest.str(), built.variant,
                                 layer.descriptor.digest.str(), Mb(layer.descriptor.size)));
    }
    return layer;
  }
  // Its mtimes were clamped to another SOURCE_DATE_EPOCH (worker::ResultCache keeps such records
  // out of builds with another clamp).
  return util::Fail(util::ErrorKind::kInternal, "layer {} was made as {}, not as {}", blob.descriptor.digest.str(),
                    built.variant, Variant());
}

util::Result<content::LayerResult> LayerMaker::Recompressed(const content::LayerResult& blob) {
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
  if (!result) return std::unexpected(util::Error(result.error()).Context("re-encoding layer {}", blob.descriptor.digest.str()));
  return *result;
}

util::Result<std::vector<std::optional<content::LayerResult>>> LayerMaker::Layers(const snapshot::SnapshotRef& top) {
  std::vector<std::optional<content::LayerResult>> layers;
  if (!top) return layers;
  std::vector<const snapshot::Snapshot*> chain;
  for (const snapshot::Snapshot* s = top.get(); s != nullptr; s = s->parent().get()) chain.push_back(s);
  std::reverse(chain.begin(), chain.end());
  for (const snapshot::Snapshot* snap : chain) {
    if (snap->blob() && snap->built()) {  // written by a build from its own files
      layers.push_back(MANIFOLD_TRY(BuiltBlob(*snap->blob(), *snap->built())));
      continue;
    }
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
