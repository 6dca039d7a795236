// AssembledFromStore: an index or manifest in the content store, as per-platform image parts.
#include "exporter/image_store.hpp"
#include "image/config.hpp"
#include "image/index.hpp"
#include "image/manifest.hpp"
#include "image/media_types.hpp"
#include "image/platform_match.hpp"
#include "image/platform_parse.hpp"

namespace manifold::exporter {

namespace {

util::Result<PlatformImage> ReadPlatformImage(const content::Store& store, const image::Descriptor& desc) {
  auto manifest = image::ParseManifest(MANIFOLD_TRY(store.Read(desc.digest)));
  if (!manifest) return std::unexpected(std::move(manifest.error()).Context("reading manifest {}", desc.digest.str()));
  PlatformImage out;
  out.manifest = desc;
  out.config = manifest->config;
  out.layers = manifest->layers;
  if (desc.platform) {
    out.platform = *desc.platform;
  } else {
    auto config = image::ParseConfig(MANIFOLD_TRY(store.Read(manifest->config.digest)));
    if (!config) return std::unexpected(std::move(config.error()).Context("reading config of {}", desc.digest.str()));
    out.platform = config->platform;
    out.manifest.platform = out.platform;
  }
  return out;
}

}  // namespace

util::Result<AssembledImages> AssembledFromStore(const content::Store& store, const image::Descriptor& root,
                                                 const std::optional<image::Platform>& platform) {
  AssembledImages images;
  images.root = root;
  if (image::media_type::IsIndex(root.media_type)) {
    auto index = image::ParseIndex(MANIFOLD_TRY(store.Read(root.digest)));
    if (!index) return std::unexpected(std::move(index.error()).Context("reading index {}", root.digest.str()));
    for (const auto& entry : index->manifests) {
      if (!image::media_type::IsManifest(entry.media_type)) continue;
      if (entry.platform && entry.platform->os == "unknown") continue;  // attestations
      images.platforms.push_back(MANIFOLD_TRY(ReadPlatformImage(store, entry)));
    }
  } else {
    images.platforms.push_back(MANIFOLD_TRY(ReadPlatformImage(store, root)));
  }
  if (platform) {
    std::vector<image::Platform> candidates;
    for (const auto& p : images.platforms) candidates.push_back(p.platform);
    auto best = image::PlatformMatcher::Only(*platform).BestMatch(candidates);
    if (!best) {
      std::string have;
      for (const auto& p : candidates) have += (have.empty() ? "" : ", ") + image::Format(p);
      return util::Fail(util::ErrorKind::kNotFound, "the image has no {} variant (it has {})", image::Format(*platform),
                        have);
    }
    PlatformImage chosen = images.platforms[*best];
    images.platforms = {chosen};
    images.root = chosen.manifest;
  }
  return images;
}

}  // namespace manifold::exporter
