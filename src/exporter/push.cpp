// PushImages: group names by repository, push each once, mount across repositories.
#include "exporter/push.hpp"

#include <algorithm>
#include <chrono>
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

progress::Event PushEvent(progress::EventKind kind, const std::string& name, std::string text = {}) {
  progress::Event e;
  e.kind = kind;
  e.vertex = "push:" + name;
  e.name = "pushing " + name;
  e.text = std::move(text);
  return e;
}

}  // namespace

util::Status PushImages(const content::Store& store, const AssembledImages& images,
                        const std::vector<std::string>& names, registry::RegistryHosts& hosts,
                        progress::Sink& progress, const std::map<std::string, std::string>& mount_sources) {
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
  std::map<std::string, std::string> first_on_domain = mount_sources;  // domain → a repository with the blobs
  for (const auto& r : repositories) {
    std::string display = r.domain + "/" + r.path;
    progress.Emit(PushEvent(progress::EventKind::kStarted, display));
    auto repository = hosts.RepositoryFor(r.domain, r.path);
    registry::PushOptions options;
    if (auto it = first_on_domain.find(r.domain); it != first_on_domain.end()) options.mount_from = it->second;
    auto last = std::chrono::steady_clock::time_point();
    std::mutex mu;
    options.progress = [&](int64_t done, int64_t total) {
      // Blob threads report often; a renderer needs a few updates a second, and the last one.
      std::lock_guard lock(mu);
      auto now = std::chrono::steady_clock::now();
      if (done < total && now - last < std::chrono::milliseconds(250)) return;
      last = now;
      auto e = PushEvent(progress::EventKind::kBytes, display, "pushing layers");
      e.current = done;
      e.total = total;
      progress.Emit(e);
    };
    auto report = registry::PushImage(repository, store, images.root, r.tags, options);
    if (!report) {
      progress.Emit(PushEvent(progress::EventKind::kError, display, report.error().Describe()));
      return std::unexpected(std::move(report.error()));
    }
    progress.Emit(PushEvent(progress::EventKind::kLog, display,
                            fmt::format("{} blobs sent, {} already there, {} mounted; tags: {}", report->blobs_sent,
                                        report->blobs_present, report->blobs_mounted, fmt::join(r.tags, ", "))));
    progress.Emit(PushEvent(progress::EventKind::kDone, display));
    first_on_domain[r.domain] = r.path;
  }
  return {};
}

}  // namespace manifold::exporter
