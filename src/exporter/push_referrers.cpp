// PushReferrers: attestations as OCI 1.1 referrers of the pushed platform manifests.
#include <fmt/format.h>

#include "exporter/attestation_manifests.hpp"
#include "registry/reference.hpp"
#include "registry/referrers.hpp"

namespace manifold::exporter {

util::Status PushReferrers(const content::Store& store, const std::vector<Referrer>& referrers,
                           const std::vector<std::string>& names, registry::RegistryHosts& hosts,
                           progress::Sink& progress) {
  std::vector<std::pair<std::string, std::string>> done;  // (domain, path): once per repository
  for (const auto& name : names) {
    auto ref = registry::ParseReference(name);
    if (!ref) return std::unexpected(std::move(ref.error()).Context("image name {:?}", name));
    if (std::find(done.begin(), done.end(), std::make_pair(ref->domain, ref->path)) != done.end()) continue;
    done.emplace_back(ref->domain, ref->path);
    std::string display = ref->domain + "/" + ref->path;
    progress::Event e;
    e.vertex = "referrers:" + display;
    e.name = fmt::format("attaching attestations to {} as referrers", display);
    e.kind = progress::EventKind::kStarted;
    progress.Emit(e);
    auto repository = hosts.RepositoryFor(ref->domain, ref->path);
    bool used_api = false;
    for (const auto& r : referrers) {
      auto mode = registry::AttachReferrer(repository, store, r.manifest, r.subject);
      if (!mode) {
        e.kind = progress::EventKind::kError;
        e.text = mode.error().Describe();
        progress.Emit(e);
        return std::unexpected(std::move(mode.error()));
      }
      used_api = *mode == registry::ReferrersMode::kApi;
    }
    e.kind = progress::EventKind::kLog;
    e.text = fmt::format("{} referrers; {}", referrers.size(),
                         used_api ? "the registry indexes them (referrers API)"
                                  : "listed under the sha256-<digest> tags (no referrers API: tag schema)");
    progress.Emit(e);
    e.kind = progress::EventKind::kDone;
    e.text.clear();
    progress.Emit(e);
  }
  return {};
}

}  // namespace manifold::exporter
