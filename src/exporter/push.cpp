// PushImages: group names by repository, push each once, mount across repositories.
#include "exporter/push.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>

#include <fmt/ranges.h>

#include "progress/activity.hpp"
#include "registry/push.hpp"
#include "registry/reference.hpp"

namespace manifold::exporter {
namespace {

struct RepositoryTags {
  std::string domain, path;
  std::vector<std::string> tags;
};

// `step`: "pushing" for a whole tree, "pushing platforms to" for a share's manifests by digest.
std::string PushVertex(const std::string& name, std::string_view step) {
  return step == "pushing" ? "push:" + name : "push-platforms:" + name;
}

// What one repository receives: trees (by root) and the tags the last of them gets.
struct RepositoryPush {
  std::vector<image::Descriptor> roots;
  std::vector<std::string> tags;  // empty = by digest only
};

util::Result<std::vector<RepositoryTags>> GroupByRepository(const std::vector<std::string>& names) {
  std::vector<RepositoryTags> repositories;
  for (const auto& name : names) {
    auto ref = registry::ParseReference(name);
    if (!ref) return std::unexpected(std::move(ref.error()).Context("image name {:?}", name));
    if (ref->digest) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "image name {:?}: a pushed name takes a tag, not a digest (the digest is the result's)", name);
    }
    auto it = std::find_if(repositories.begin(), repositories.end(),
                           [&](const auto& r) { return r.domain == ref->domain && r.path == ref->path; });
    if (it == repositories.end()) {
      repositories.push_back({ref->domain, ref->path, {}});
      it = std::prev(repositories.end());
    }
    if (std::find(it->tags.begin(), it->tags.end(), ref->tag) == it->tags.end()) it->tags.push_back(ref->tag);
  }
  return repositories;
}

util::Status PushToRepositories(const content::Store& store, const std::vector<RepositoryTags>& repositories,
                                const std::function<RepositoryPush(const RepositoryTags&)>& roots_for,
                                registry::RegistryHosts& hosts, progress::Sink& progress,
                                const std::map<std::string, std::string>& mount_sources, std::string_view step) {
  std::map<std::string, std::string> first_on_domain = mount_sources;  // domain → a repository with the blobs
  for (const auto& r : repositories) {
    std::string display = r.domain + "/" + r.path;
    progress::Activity activity(progress, PushVertex(display, step), fmt::format("{} {}", step, display));
    auto repository = hosts.RepositoryFor(r.domain, r.path);
    registry::PushOptions options;
    if (auto it = first_on_domain.find(r.domain); it != first_on_domain.end()) options.mount_from = it->second;
    // BuildKit's push lines: each blob's bytes as it goes up, "already exists", "mounted from",
    // then "pushing manifest for NAME@DIGEST". A blob the registry has counts as complete, so
    // the vertex's bytes add up to the whole image, as they did before per-blob lines.
    options.blob_progress = [&](const image::Descriptor& blob, registry::BlobPushState state, int64_t done) {
      switch (state) {
        case registry::BlobPushState::kSending:
        case registry::BlobPushState::kSent:
          break;
        case registry::BlobPushState::kPresent:
          activity.Log(fmt::format("{} already exists", blob.digest.str()));
          break;
        case registry::BlobPushState::kMounted:
          activity.Log(fmt::format("{} mounted from {}/{}", blob.digest.str(), r.domain, options.mount_from));
          break;
      }
      activity.Bytes(blob.digest.str(), done, blob.size);
    };
    options.manifest_progress = [&](const image::Descriptor& manifest, std::string_view tag) {
      activity.Log(fmt::format("pushing manifest for {}{}@{}", display, tag.empty() ? "" : ":" + std::string(tag),
                               manifest.digest.str()));
    };
    RepositoryPush push = roots_for(r);
    registry::PushReport total;
    for (size_t i = 0; i < push.roots.size(); ++i) {
      bool last_root = i + 1 == push.roots.size();
      auto report = registry::PushImage(repository, store, push.roots[i],
                                        last_root ? push.tags : std::vector<std::string>{}, options);
      if (!report) {
        activity.Fail(report.error().Describe());
        return std::unexpected(std::move(report.error()));
      }
      total.blobs_sent += report->blobs_sent;
      total.blobs_present += report->blobs_present;
      total.blobs_mounted += report->blobs_mounted;
    }
    activity.Log(fmt::format("{} blobs sent, {} already there, {} mounted; {}", total.blobs_sent, total.blobs_present,
                             total.blobs_mounted,
                             push.tags.empty() ? std::string("by digest")
                                               : fmt::format("tags: {}", fmt::join(push.tags, ", "))));
    activity.Done();
    first_on_domain[r.domain] = r.path;
  }
  return {};
}

}  // namespace

util::Status PushImages(const content::Store& store, const AssembledImages& images,
                        const std::vector<std::string>& names, registry::RegistryHosts& hosts,
                        progress::Sink& progress, const std::map<std::string, std::string>& mount_sources) {
  auto repositories = MANIFOLD_TRY(GroupByRepository(names));
  return PushToRepositories(
      store, repositories, [&](const RepositoryTags& r) { return RepositoryPush{{images.root}, r.tags}; }, hosts,
      progress, mount_sources, "pushing");
}

util::Status PushImagesByDigest(const content::Store& store, const AssembledImages& images,
                                const std::vector<std::string>& names, registry::RegistryHosts& hosts,
                                progress::Sink& progress, const std::map<std::string, std::string>& mount_sources) {
  auto repositories = MANIFOLD_TRY(GroupByRepository(names));
  return PushToRepositories(
      store, repositories, [&](const RepositoryTags&) { return RepositoryPush{{images.root}, {}}; }, hosts, progress,
      mount_sources, "pushing");
}

util::Status PushPlatformImages(const content::Store& store, const AssembledImages& images,
                                const std::vector<std::string>& names, registry::RegistryHosts& hosts,
                                progress::Sink& progress, const std::map<std::string, std::string>& mount_sources) {
  auto repositories = MANIFOLD_TRY(GroupByRepository(names));
  std::vector<image::Descriptor> manifests;
  for (const auto& p : images.platforms) manifests.push_back(p.manifest);
  return PushToRepositories(
      store, repositories, [&](const RepositoryTags&) { return RepositoryPush{manifests, {}}; }, hosts, progress,
      mount_sources, "pushing platforms to");
}

}  // namespace manifold::exporter
