// PushImages: group names by repository, push each once, mount across repositories.
#include "exporter/push.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>

#include <fmt/ranges.h>

#include "registry/push.hpp"
#include "registry/reference.hpp"

namespace manifold::exporter {
namespace {

struct RepositoryTags {
  std::string domain, path;
  std::vector<std::string> tags;
};

// `step`: "pushing" for a whole tree, "pushing platforms to" for a share's manifests by digest.
progress::Event PushEvent(progress::EventKind kind, const std::string& name, std::string text = {},
                          std::string_view step = "pushing") {
  progress::Event e;
  e.kind = kind;
  e.vertex = step == "pushing" ? "push:" + name : "push-platforms:" + name;
  e.name = fmt::format("{} {}", step, name);
  e.text = std::move(text);
  return e;
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
    progress.Emit(PushEvent(progress::EventKind::kStarted, display, {}, step));
    auto repository = hosts.RepositoryFor(r.domain, r.path);
    registry::PushOptions options;
    if (auto it = first_on_domain.find(r.domain); it != first_on_domain.end()) options.mount_from = it->second;
    auto last = std::chrono::steady_clock::time_point();
    std::mutex mu;
    options.progress = [&](int64_t done, int64_t total) {
      // Blobs upload in parallel; a quarter second between updates is plenty for a person.
      std::lock_guard lock(mu);
      auto now = std::chrono::steady_clock::now();
      if (done < total && now - last < std::chrono::milliseconds(250)) return;
      last = now;
      auto e = PushEvent(progress::EventKind::kBytes, display, "pushing layers", step);
      e.current = done;
      e.total = total;
      progress.Emit(e);
    };
    RepositoryPush push = roots_for(r);
    registry::PushReport total;
    for (size_t i = 0; i < push.roots.size(); ++i) {
      bool last_root = i + 1 == push.roots.size();
      auto report = registry::PushImage(repository, store, push.roots[i],
                                        last_root ? push.tags : std::vector<std::string>{}, options);
      if (!report) {
        progress.Emit(PushEvent(progress::EventKind::kError, display, report.error().Describe(), step));
        return std::unexpected(std::move(report.error()));
      }
      total.blobs_sent += report->blobs_sent;
      total.blobs_present += report->blobs_present;
      total.blobs_mounted += report->blobs_mounted;
    }
    progress.Emit(PushEvent(progress::EventKind::kLog, display,
                            fmt::format("{} blobs sent, {} already there, {} mounted; {}", total.blobs_sent,
                                        total.blobs_present, total.blobs_mounted,
                                        push.tags.empty() ? std::string("by digest")
                                                          : fmt::format("tags: {}", fmt::join(push.tags, ", "))),
                            step));
    progress.Emit(PushEvent(progress::EventKind::kDone, display, {}, step));
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
