// ResolveImage / PullLayers: platform selection in an index, then blobs into the content store.
#include "registry/pull.hpp"

#include <atomic>
#include <mutex>
#include <thread>

#include "image/config.hpp"
#include "image/index.hpp"
#include "image/media_types.hpp"
#include "image/platform_match.hpp"
#include "image/platform_parse.hpp"

#include <nlohmann/json.hpp>

namespace manifold::registry {
namespace {

using util::ErrorKind;

// Attestation manifests (BuildKit's provenance) sit in indexes as "unknown/unknown".
bool IsRealPlatform(const image::Platform& p) { return p.os != "unknown" && p.architecture != "unknown"; }

// A manifest or index read from the store: it names its own type; an OCI one may leave it
// out, and then `unnamed_type` (what the caller knows of it) says, or else what it holds: an
// index lists "manifests", a manifest has "layers".
FetchedManifest DocumentFromStore(const image::Digest& digest, std::string bytes, std::string_view unnamed_type = {}) {
  FetchedManifest fetched;
  fetched.descriptor.digest = digest;
  fetched.descriptor.size = static_cast<int64_t>(bytes.size());
  auto json = nlohmann::json::parse(bytes, nullptr, false);
  if (json.is_object() && json.contains("mediaType") && json["mediaType"].is_string()) {
    fetched.descriptor.media_type = json["mediaType"].get<std::string>();
  } else if (!unnamed_type.empty()) {
    fetched.descriptor.media_type = std::string(unnamed_type);
  } else if (json.is_object() && json.contains("manifests") && json["manifests"].is_array()) {
    fetched.descriptor.media_type = std::string(image::media_type::kOciIndex);
  } else {
    fetched.descriptor.media_type = std::string(image::media_type::kOciManifest);
  }
  fetched.bytes = std::move(bytes);
  return fetched;
}

util::Result<ResolvedImage> FromManifest(const ManifestSource& repository, FetchedManifest fetched,
                                         std::string_view reference, const image::Platform& platform,
                                         const content::Store& store, bool check_platform) {
  auto parsed = image::ParseManifest(fetched.bytes);
  if (!parsed) return std::unexpected(std::move(parsed.error()).Context("reading manifest {} of {}", reference, repository.name));
  MANIFOLD_TRY(store.Put(fetched.bytes));
  MANIFOLD_CHECK(repository.fetch_blob(parsed->config));
  auto config_bytes = MANIFOLD_TRY(store.Read(parsed->config.digest));
  if (check_platform) {
    auto config = image::ParseConfig(config_bytes);
    if (!config) return std::unexpected(std::move(config.error()).Context("reading the config of {}:{}", repository.name, reference));
    if (!image::PlatformMatcher::Only(platform).Match(config->platform)) {
      return util::Fail(ErrorKind::kNotFound, "{}:{} is a single-platform image for {}, not {}", repository.name,
                        reference, image::Format(config->platform), image::Format(platform));
    }
    fetched.descriptor.platform = config->platform;
  }
  ResolvedImage out;
  out.manifest = std::move(fetched.descriptor);
  out.parsed = std::move(*parsed);
  out.config_bytes = std::move(config_bytes);
  return out;
}

}  // namespace

util::Result<ResolvedImage> ResolveImage(const Repository& repository, std::string_view reference,
                                         const image::Platform& platform, const content::Store& store) {
  ManifestSource source;
  source.name = repository.Name();
  source.get_manifest = [&](std::string_view ref) -> util::Result<FetchedManifest> {
    // A document named by digest that the store holds is those very bytes (the store checks
    // digests on the way in): no round trip. A tag always asks the registry, which may have moved it.
    if (ref.starts_with("sha256:")) {
      if (auto digest = image::Digest::Parse(ref); digest && store.Has(*digest)) {
        if (auto bytes = store.Read(*digest)) return DocumentFromStore(*digest, std::move(*bytes));
      }
    }
    return repository.GetManifest(ref);
  };
  source.fetch_blob = [&](const image::Descriptor& config) { return repository.FetchConfig(config, store); };
  return ResolveImage(source, reference, platform, store);
}

ManifestSource StoredImageSource(const content::Store& store, const image::Descriptor& root, std::string name) {
  ManifestSource source;
  source.name = std::move(name);
  source.get_manifest = [&store, root](std::string_view ref) -> util::Result<FetchedManifest> {
    auto digest = ref == root.digest.str() || !ref.starts_with("sha256:") ? root.digest : MANIFOLD_TRY(image::Digest::Parse(ref));
    return DocumentFromStore(digest, MANIFOLD_TRY(store.Read(digest)),
                             digest == root.digest ? std::string_view(root.media_type) : std::string_view());
  };
  source.fetch_blob = [&store](const image::Descriptor& blob) -> util::Status {
    if (!store.Has(blob.digest)) {
      return util::Fail(ErrorKind::kNotFound, "blob {} of a stored image is missing from the store", blob.digest.str());
    }
    return {};
  };
  return source;
}

util::Result<ResolvedImage> ResolveImage(const ManifestSource& repository, std::string_view reference,
                                         const image::Platform& platform, const content::Store& store) {
  auto fetched = MANIFOLD_TRY(repository.get_manifest(reference));
  if (!image::media_type::IsIndex(fetched.descriptor.media_type)) {
    return FromManifest(repository, std::move(fetched), reference, platform, store, true);
  }
  auto index = image::ParseIndex(fetched.bytes);
  if (!index) return std::unexpected(std::move(index.error()).Context("reading index {} of {}", reference, repository.name));
  MANIFOLD_TRY(store.Put(fetched.bytes));

  std::vector<image::Platform> candidates;
  std::vector<size_t> entry_of;
  for (size_t i = 0; i < index->manifests.size(); ++i) {
    const auto& entry = index->manifests[i];
    if (entry.platform && IsRealPlatform(*entry.platform) && image::media_type::IsManifest(entry.media_type)) {
      candidates.push_back(*entry.platform);
      entry_of.push_back(i);
    }
  }
  auto best = image::PlatformMatcher::Only(platform).BestMatch(candidates);
  if (!best) {
    std::string available;
    for (const auto& p : candidates) available += (available.empty() ? "" : ", ") + image::Format(p);
    return util::Fail(ErrorKind::kNotFound, "no matching manifest for {} in {}:{} (it has {})", image::Format(platform),
                      repository.name, reference, available.empty() ? "no platforms" : available);
  }
  const auto& entry = index->manifests[entry_of[*best]];
  auto manifest = MANIFOLD_TRY(repository.get_manifest(entry.digest.str()));
  manifest.descriptor.platform = entry.platform;
  auto out = MANIFOLD_TRY(FromManifest(repository, std::move(manifest), entry.digest.str(), platform, store, false));
  out.index = std::move(fetched.descriptor);
  return out;
}

util::Status PullLayers(const Repository& repository, const image::Manifest& manifest, const content::Store& store,
                        int jobs, const ProgressFn& progress) {
  std::vector<const image::Descriptor*> missing;
  int64_t total = 0;
  for (const auto& layer : manifest.layers) {
    if (!store.Has(layer.digest)) {
      missing.push_back(&layer);
      total += layer.size;
    }
  }
  std::atomic<size_t> next{0};
  std::atomic<int64_t> done{0};
  std::mutex mu;
  std::optional<util::Error> first_error;
  auto work = [&] {
    for (size_t i; (i = next++) < missing.size();) {
      {
        std::lock_guard lock(mu);
        if (first_error) return;
      }
      int64_t before = 0;
      auto st = repository.FetchBlob(*missing[i], store, [&](int64_t now, int64_t) {
        done += now - before;
        before = now;
        if (progress) progress(done, total);
      });
      if (!st) {
        std::lock_guard lock(mu);
        if (!first_error) first_error = std::move(st.error());
        return;
      }
    }
  };
  std::vector<std::jthread> threads;
  for (int t = 0; t < std::max(1, jobs) && static_cast<size_t>(t) < missing.size(); ++t) threads.emplace_back(work);
  threads.clear();
  if (first_error) return std::unexpected(std::move(*first_error));
  return {};
}

}  // namespace manifold::registry
