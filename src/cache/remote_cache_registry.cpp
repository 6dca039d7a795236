// Registry cache export/import: the cache manifest pushed as a tag, read back with inline cache too.
#include <map>
#include <set>

#include "cache/internal/cache_manifest.hpp"
#include "cache/remote_cache.hpp"
#include "image/config.hpp"
#include "image/index.hpp"
#include "image/json_canonical.hpp"
#include "image/manifest.hpp"
#include "image/media_types.hpp"
#include "registry/pull.hpp"
#include "registry/push.hpp"

namespace manifold::cache {

namespace {

// Records of one image manifest: its cache config, or its image config's inline field.
util::Result<std::vector<PortableRecord>> RecordsOfManifest(const registry::Repository& repository,
                                                            const registry::FetchedManifest& fetched) {
  image::Manifest manifest = MANIFOLD_TRY(image::ParseManifest(fetched.bytes));
  std::string config = MANIFOLD_TRY(repository.ReadBlob(manifest.config.digest));
  if (internal::IsCacheManifest(manifest)) {
    auto records = internal::DecodeCacheConfig(config, manifest);
    if (!records) {
      return std::unexpected(std::move(records.error()).Context("cache config {}", manifest.config.digest.str()));
    }
    return records;
  }
  if (!image::media_type::IsConfig(manifest.config.media_type)) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "manifest {} is neither a manifold cache nor an image: its config has media type {:?}",
                      fetched.descriptor.digest.str(), manifest.config.media_type);
  }
  nlohmann::json json = MANIFOLD_TRY(image::ParseJson(config, "image config"));
  if (!json.is_object() || !json.contains(kInlineCacheField)) return std::vector<PortableRecord>{};
  image::ImageConfig parsed = MANIFOLD_TRY(image::ParseConfig(config));
  auto records = RecordsFromInline(json, manifest.layers, parsed.diff_ids);
  if (!records) {
    return std::unexpected(
        std::move(records.error()).Context("inline cache of image config {}", manifest.config.digest.str()));
  }
  return records;
}

util::Result<std::vector<PortableRecord>> ReadRecords(const registry::Repository& repository, std::string_view reference) {
  registry::FetchedManifest root = MANIFOLD_TRY(repository.GetManifest(reference));
  if (image::media_type::IsManifest(root.descriptor.media_type)) return RecordsOfManifest(repository, root);
  if (!image::media_type::IsIndex(root.descriptor.media_type)) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} is a {}, not a cache manifest, image or index",
                      reference, root.descriptor.media_type);
  }
  image::Index index = MANIFOLD_TRY(image::ParseIndex(root.bytes));
  std::vector<PortableRecord> out;
  for (const auto& entry : index.manifests) {
    // Attestation manifests (platform unknown/unknown) carry no build results.
    if (!image::media_type::IsManifest(entry.media_type)) continue;
    if (entry.platform && entry.platform->os == "unknown") continue;
    registry::FetchedManifest child = MANIFOLD_TRY(repository.GetManifest(entry.digest.str()));
    auto records = RecordsOfManifest(repository, child);
    if (!records) return std::unexpected(std::move(records.error()).Context("manifest {}", entry.digest.str()));
    out.insert(out.end(), std::make_move_iterator(records->begin()), std::make_move_iterator(records->end()));
  }
  return out;
}

// "host/repo:tag" or "host/repo@sha256:…", as a user would write the reference.
std::string RefName(const registry::Repository& repository, std::string_view reference) {
  bool digest = reference.find(':') != std::string_view::npos;
  return fmt::format("{}{}{}", repository.Name(), digest ? '@' : ':', reference);
}

}  // namespace

util::Status ExportRegistry(const content::Store& store, const std::vector<PortableRecord>& records,
                            const registry::Repository& repository, std::string_view tag,
                            progress::Activity* progress) {
  auto exported = [&]() -> util::Status {
    MANIFOLD_CHECK(internal::CheckLayersInStore(store, records));
    internal::CacheDocuments docs = MANIFOLD_TRY(internal::EncodeCache(records));
    MANIFOLD_TRY(store.Put(docs.config_bytes));
    MANIFOLD_TRY(store.Put(docs.manifest_bytes));
    registry::PushOptions options;
    if (progress != nullptr) {
      options.blob_progress = [&](const image::Descriptor& blob, registry::BlobPushState state, int64_t done) {
        if (state == registry::BlobPushState::kPresent) {
          progress->Log(fmt::format("{} already exists", blob.digest.str()));
        } else if (state == registry::BlobPushState::kMounted) {
          progress->Log(fmt::format("{} mounted", blob.digest.str()));
        } else {
          bool config = blob.digest == docs.config.digest;
          progress->Bytes(fmt::format("writing {} {}", config ? "config" : "layer", blob.digest.str()), done,
                          blob.size);
        }
      };
      options.manifest_progress = [&](const image::Descriptor& manifest, std::string_view) {
        progress->Log(fmt::format("writing cache manifest {}", manifest.digest.str()));
      };
    }
    MANIFOLD_TRY(registry::PushImage(repository, store, docs.manifest, {std::string(tag)}, options));
    return {};
  }();
  if (!exported) {
    return std::unexpected(std::move(exported.error()).Context("exporting cache to {}", RefName(repository, tag)));
  }
  return {};
}

util::Result<std::vector<PortableRecord>> ImportRegistry(const content::Store& store,
                                                         const registry::Repository& repository,
                                                         std::string_view reference) {
  auto imported = [&]() -> util::Result<std::vector<PortableRecord>> {
    std::vector<PortableRecord> records = internal::NormalizeRecords(MANIFOLD_TRY(ReadRecords(repository, reference)));
    // Every layer a record uses, once, downloaded with PullLayers' parallelism and verification.
    image::Manifest needed;
    std::set<image::Digest> seen;
    for (const auto& record : records) {
      for (const auto& entry : record.chain) {
        if (entry && seen.insert(entry->descriptor.digest).second) needed.layers.push_back(entry->descriptor);
      }
    }
    MANIFOLD_CHECK(registry::PullLayers(repository, needed, store));
    return records;
  }();
  if (!imported) {
    return std::unexpected(std::move(imported.error()).Context("importing cache from {}", RefName(repository, reference)));
  }
  return imported;
}

}  // namespace manifold::cache
