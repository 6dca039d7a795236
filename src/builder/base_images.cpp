// BaseImages: reference → registry → platform manifest digest + config, memoized per build.
#include "builder/base_images.hpp"

#include "image/config.hpp"
#include "image/index.hpp"
#include "image/media_types.hpp"
#include "image/platform_parse.hpp"
#include "registry/pull.hpp"
#include "registry/reference.hpp"

namespace manifold::builder {

BaseImages::~BaseImages() {
  std::vector<std::future<void>> running;
  {
    std::lock_guard lock(mu_);
    running.swap(prefetches_);
  }
  for (auto& prefetch : running) prefetch.wait();
}

util::Result<frontend::dockerfile::ResolvedBaseImage> BaseImages::Resolve(std::string_view name,
                                                                         const image::Platform& platform) {
  auto ref = registry::ParseReference(name);
  if (!ref) return std::unexpected(std::move(ref.error()));
  Key key(std::string(name), image::Format(platform));
  std::optional<std::promise<Resolved>> mine;
  std::shared_future<Resolved> result;
  bool show = false;
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) {
      mine.emplace();
      it = entries_.emplace(key, Entry{mine->get_future().share()}).first;
    }
    result = it->second.result;
    show = !std::exchange(it->second.shown, true);
  }
  progress::Event event;
  event.vertex = "metadata:" + ref->String() + ":" + key.second;
  event.name = "[" + key.second + " internal] load metadata for " + ref->String();
  event.platforms = {key.second};
  event.kind = progress::EventKind::kStarted;
  if (show) progress_.Emit(event);
  if (mine) mine->set_value(ResolveNow(*ref, platform));
  const Resolved& resolved = result.get();
  if (!resolved) {
    event.kind = progress::EventKind::kError;
    event.text = resolved.error().Describe();
    if (show) progress_.Emit(event);
    return std::unexpected(resolved.error());
  }
  event.kind = progress::EventKind::kDone;
  if (show) progress_.Emit(event);
  return *resolved;
}

void BaseImages::Prefetch(std::string_view name, const std::vector<image::Platform>& platforms) {
  if (platforms.size() < 2) return;  // one platform: Resolve is as soon
  auto ref = registry::ParseReference(name);
  if (!ref) return;
  std::vector<std::pair<image::Platform, std::promise<Resolved>>> work;
  {
    std::lock_guard lock(mu_);
    for (const auto& platform : platforms) {
      Key key(std::string(name), image::Format(platform));
      if (entries_.contains(key)) continue;
      std::promise<Resolved> promise;
      entries_.emplace(key, Entry{promise.get_future().share()});
      work.emplace_back(platform, std::move(promise));
    }
    if (work.empty()) return;
    prefetches_.push_back(std::async(std::launch::async, [this, ref = *ref, work = std::move(work)]() mutable {
      if (!FetchIndexOnce(ref)) {
        // Unknown whether the name is an index: the first resolution finds out (and records the
        // index it found) before the others ask, as Resolve would have them, one by one.
        for (auto& [platform, promise] : work) promise.set_value(ResolveNow(ref, platform));
        return;
      }
      std::vector<std::future<void>> each;
      for (auto& [platform, promise] : work) {
        each.push_back(std::async(std::launch::async, [this, &ref, &platform, &promise] {
          promise.set_value(ResolveNow(ref, platform));
        }));
      }
      for (auto& f : each) f.wait();
    }));
  }
}

bool BaseImages::FetchIndexOnce(const registry::Reference& ref) {
  if (local_ != nullptr && !ref.digest) {
    auto stored = local_->Get(ref.String());
    if (!stored) return false;
    if (*stored) return true;  // manifold's image store answers it: no registry to ask
  }
  {
    std::lock_guard lock(mu_);
    if (!ref.digest && indexes_.contains(ref.String())) return true;
  }
  if (ref.digest && store_.Has(*ref.digest)) return true;
  auto repository = hosts_->RepositoryFor(ref.domain, ref.path);
  auto fetched = repository.GetManifest(ref.TagOrDigest());
  // A failure is ResolveNow's to report, asking again.
  if (!fetched) return false;
  // A single manifest: each platform's ResolveNow asks for it (and checks its platform), as
  // Resolve always did; only an index is kept for them to start from.
  if (!image::media_type::IsIndex(fetched->descriptor.media_type)) return true;
  if (!image::ParseIndex(fetched->bytes) || !store_.Put(fetched->bytes)) return false;
  if (!ref.digest) {
    std::lock_guard lock(mu_);
    indexes_.emplace(ref.String(), fetched->descriptor.digest.str());
  }
  return true;
}

BaseImages::Resolved BaseImages::ResolveNow(const registry::Reference& ref, const image::Platform& platform) {
  std::optional<exporter::StoredImage> stored;
  if (local_ != nullptr && !ref.digest) stored = MANIFOLD_TRY(local_->Get(ref.String()));
  auto repository = hosts_->RepositoryFor(ref.domain, ref.path);
  std::string reference;
  if (!stored) {
    std::lock_guard lock(mu_);
    reference = IndexOrReference(ref);
  }
  auto image = stored ? registry::ResolveImage(registry::StoredImageSource(store_, stored->root, ref.String()),
                                               stored->root.digest.str(), platform, store_)
                      : registry::ResolveImage(repository, reference, platform, store_);
  if (!image) return std::unexpected(std::move(image.error()));
  auto config = image::ParseConfig(image->config_bytes);
  if (!config) return std::unexpected(std::move(config.error()).Context("reading the config of {}", ref.String()));
  {
    std::lock_guard lock(mu_);
    if (!stored && image->index && !ref.digest) indexes_.emplace(ref.String(), image->index->digest.str());
    if (!stored) repositories_.emplace(ref.domain, ref.path);
  }
  frontend::dockerfile::ResolvedBaseImage out;
  // name:tag@digest, as BuildKit shows it: readable, and pinned to what was resolved.
  registry::Reference pinned = ref;
  pinned.digest = image->manifest.digest;
  out.reference = pinned.String();
  out.config = std::move(*config);
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
