// Snapshot chains <-> cache records.
#include "worker/result_cache.hpp"

#include <algorithm>

namespace manifold::worker {

namespace {
std::string LayerClampName(const std::optional<int64_t>& clamp) { return clamp ? std::to_string(*clamp) : ""; }
}  // namespace

util::Result<std::vector<cache::ChainEntry>> ResultCache::ChainOf(const OutputRef& output) const {
  const auto* snapshot = dynamic_cast<const SnapshotOutput*>(output.get());
  if (snapshot == nullptr) return util::Fail(util::ErrorKind::kInvalidArgument, "not a filesystem");
  std::vector<cache::ChainEntry> chain;
  for (const snapshot::Snapshot* s = snapshot->snapshot().get(); s != nullptr; s = s->parent().get()) {
    cache::ChainEntry entry;
    entry.blob = s->blob();
    entry.built = s->built();
    if (!s->diff_dir().empty()) {
      if (s->diff_dir().parent_path() != meta_.diffs_dir()) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "layer {} is outside the diff store",
                          s->diff_dir().string());
      }
      entry.diff = s->diff_dir().filename().string();
    }
    chain.push_back(std::move(entry));
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

util::Status ResultCache::Save(const std::string& key, const OutputRef& output, const std::string& description,
                               const std::string& shape) {
  auto chain = ChainOf(output);
  if (!chain) return {};  // not keepable: the step simply runs again next time
  return meta_.Save(key, *chain, description, shape);
}

util::Result<OutputRef> ResultCache::Lookup(const std::string& key) {
  auto chain = MANIFOLD_TRY(meta_.Lookup(key));
  if (!chain) return OutputRef();
  snapshot::SnapshotRef top;
  for (const auto& entry : *chain) {
    std::filesystem::path dir;
    if (!entry.diff.empty()) {
      dir = meta_.diffs_dir() / entry.diff;
      std::error_code ec;
      if (!std::filesystem::is_directory(dir, ec)) return OutputRef();
    } else if (entry.blob && !store_.Has(entry.blob->descriptor.digest)) {
      return OutputRef();
    }
    // A layer written under another SOURCE_DATE_EPOCH holds mtimes clamped to that one: no
    // exporter could make this build's layer from it, so the step runs again. (Another
    // compression is fine: the exporter re-encodes the same tar.)
    if (entry.built && layer_clamp_ &&
        content::LayerVariantClamp(entry.built->variant) != LayerClampName(*layer_clamp_)) {
      return OutputRef();
    }
    top = std::make_shared<const snapshot::Snapshot>(dir, top, entry.blob, entry.built);
  }
  return std::make_shared<const SnapshotOutput>(std::move(top));
}

}  // namespace manifold::worker
