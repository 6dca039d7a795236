// BaseImages: reference → registry → platform manifest digest + config, memoized per build.
#include "builder/base_images.hpp"

#include "image/config.hpp"
#include "image/platform_parse.hpp"
#include "registry/pull.hpp"
#include "registry/reference.hpp"

namespace manifold::builder {

util::Result<frontend::dockerfile::ResolvedBaseImage> BaseImages::Resolve(std::string_view name,
                                                                         const image::Platform& platform) {
  std::lock_guard lock(mu_);
  auto key = std::make_pair(std::string(name), image::Format(platform));
  if (auto it = resolved_.find(key); it != resolved_.end()) return it->second;

  auto ref = registry::ParseReference(name);
  if (!ref) return std::unexpected(std::move(ref.error()));
  progress::Event event;
  event.vertex = "metadata:" + ref->String() + ":" + key.second;
  event.name = "[" + key.second + " internal] load metadata for " + ref->String();
  event.platforms = {key.second};
  event.kind = progress::EventKind::kStarted;
  progress_.Emit(event);

  std::optional<exporter::StoredImage> stored;
  if (local_ != nullptr && !ref->digest) stored = MANIFOLD_TRY(local_->Get(ref->String()));
  auto repository = hosts_->RepositoryFor(ref->domain, ref->path);
  auto image = stored ? registry::ResolveImage(registry::StoredImageSource(store_, stored->root, ref->String()),
                                               stored->root.digest.str(), platform, store_)
                      : registry::ResolveImage(repository, IndexOrReference(*ref), platform, store_);
  if (!image) {
    event.kind = progress::EventKind::kError;
    event.text = image.error().Describe();
    progress_.Emit(event);
    return std::unexpected(std::move(image.error()));
  }
  if (!stored && image->index && !ref->digest) indexes_.emplace(ref->String(), image->index->digest.str());
  auto config = image::ParseConfig(image->config_bytes);
  if (!config) return std::unexpected(std::move(config.error()).Context("reading the config of {}", ref->String()));
  event.kind = progress::EventKind::kDone;
  progress_.Emit(event);

  frontend::dockerfile::ResolvedBaseImage out;
  // name:tag@digest, as BuildKit shows it: readable, and pinned to what was resolved.
  registry::Reference pinned = *ref;
  pinned.digest = image->manifest.digest;
  out.reference = pinned.String();
  out.config = std::move(*config);
  resolved_.emplace(key, out);
  if (!stored) repositories_.emplace(ref->domain, ref->path);
  return out;
}

std::string BaseImages::IndexOrReference(const registry::Reference& ref) const {
  auto it = indexes_.find(ref.String());
  return it != indexes_.end() ? it->second : std::string(ref.TagOrDigest());
}

std::map<std::string, std::string> BaseImages::Repositories() {
  std::lock_guard lock(mu_);
  return repositories_;
}

}  // namespace manifold::builder
