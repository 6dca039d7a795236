// Local cache export/import: the cache manifest in an OCI image layout directory.
#include <system_error>

#include <fmt/format.h>

#include "cache/internal/cache_manifest.hpp"
#include "cache/remote_cache.hpp"
#include "content/oci_layout.hpp"
#include "image/manifest.hpp"
#include "image/media_types.hpp"

namespace manifold::cache {

namespace {

constexpr std::string_view kTag = "latest";

// The manifest a cache layout's index.json points at: the one tagged "latest", or the only one.
util::Result<image::Descriptor> PickManifest(const content::Layout& layout) {
  for (const auto& d : layout.manifests) {
    auto name = d.annotations.find(std::string(content::kRefNameAnnotation));
    if (name != d.annotations.end() && name->second == kTag) return d;
  }
  if (layout.manifests.size() == 1) return layout.manifests.front();
  return util::Fail(util::ErrorKind::kInvalidArgument,
                    "index.json lists {} manifests and none is tagged {:?}: not a manifold cache",
                    layout.manifests.size(), kTag);
}

}  // namespace

util::Status ExportLocal(const content::Store& store, const std::vector<PortableRecord>& records,
                         const std::filesystem::path& dir, progress::Activity* progress) {
  auto exported = [&]() -> util::Status {
    MANIFOLD_CHECK(internal::CheckLayersInStore(store, records));
    internal::CacheDocuments docs = MANIFOLD_TRY(internal::EncodeCache(records));
    MANIFOLD_TRY(store.Put(docs.config_bytes));
    MANIFOLD_TRY(store.Put(docs.manifest_bytes));
    if (progress != nullptr) {
      // BuildKit's lines for a cache export.
      image::Manifest manifest = MANIFOLD_TRY(image::ParseManifest(docs.manifest_bytes));
      for (const auto& layer : manifest.layers) progress->Log(fmt::format("writing layer {}", layer.digest.str()));
      progress->Log(fmt::format("writing config {}", docs.config.digest.str()));
      progress->Log(fmt::format("writing cache manifest {}", docs.manifest.digest.str()));
    }
    image::Descriptor root = docs.manifest;
    root.annotations[std::string(content::kRefNameAnnotation)] = std::string(kTag);
    // WriteLayoutDir builds beside `dir` and renames: the previous cache stays until then.
    return content::WriteLayoutDir(store, std::span(&root, 1), dir);
  }();
  if (!exported) return std::unexpected(std::move(exported.error()).Context("exporting cache to {}", dir.string()));
  return {};
}

util::Result<std::vector<PortableRecord>> ImportLocal(const content::Store& store, const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    return util::Fail(util::ErrorKind::kNotFound, "importing cache from {}: no such directory (nothing exported there yet)",
                      dir.string());
  }
  auto imported = [&]() -> util::Result<std::vector<PortableRecord>> {
    content::Layout layout = MANIFOLD_TRY(content::ReadLayout(store, dir));
    image::Descriptor root = MANIFOLD_TRY(PickManifest(layout));
    if (!image::media_type::IsManifest(root.media_type)) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "index.json points at a {}, not a cache manifest",
                        root.media_type);
    }
    std::string bytes = MANIFOLD_TRY(store.Read(root.digest));
    image::Manifest manifest = MANIFOLD_TRY(image::ParseManifest(bytes));
    if (!internal::IsCacheManifest(manifest)) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "manifest {} is not a manifold cache: its config has media type {:?}, not {:?}",
                        root.digest.str(), manifest.config.media_type, kCacheConfigMediaType);
    }
    std::string config = MANIFOLD_TRY(store.Read(manifest.config.digest));
    auto records = internal::DecodeCacheConfig(config, manifest);
    if (!records) {
      return std::unexpected(std::move(records.error()).Context("cache config {}", manifest.config.digest.str()));
    }
    // ReadLayout copied what blobs/ holds; a layer the manifest lists may still be absent.
    for (const auto& layer : manifest.layers) {
      if (!store.Has(layer.digest)) {
        return util::Fail(util::ErrorKind::kNotFound, "layer {} of the cache is missing from blobs/", layer.digest.str());
      }
    }
    return records;
  }();
  if (!imported) return std::unexpected(std::move(imported.error()).Context("importing cache from {}", dir.string()));
  return imported;
}

}  // namespace manifold::cache
