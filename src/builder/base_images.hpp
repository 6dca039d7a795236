// builder::BaseImages: the frontend's image resolver, asking registries once per name and platform.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "content/store.hpp"
#include "exporter/image_store.hpp"
#include "frontend/dockerfile/lower.hpp"
#include "progress/sink.hpp"
#include "registry/hosts.hpp"
#include "registry/reference.hpp"

namespace manifold::builder {

/// Resolves `FROM`/`--from` image names to a platform's manifest digest and config, through
/// the registry, once per (name, platform) per build; the documents land in the store so the
/// worker's pull only fetches layers. A tag is asked once per build: the next platform of the
/// same name is chosen from the index the first one found (no second round trip, and every
/// platform comes from the same index even if the tag moves meanwhile). Each resolution is shown as BuildKit's
/// "[internal] load metadata for NAME" step. Thread-safe.
class BaseImages {
 public:
  /// With `local` (not owned), names found in manifold's image store are used from there
  /// without asking a registry (as docker's builder does; `--pull` passes nullptr).
  BaseImages(std::shared_ptr<registry::RegistryHosts> hosts, const content::Store& store, progress::Sink& progress,
             const exporter::ImageStore* local = nullptr)
      : hosts_(std::move(hosts)), store_(store), progress_(progress), local_(local) {}

  util::Result<frontend::dockerfile::ResolvedBaseImage> Resolve(std::string_view name, const image::Platform& platform);

  /// Registry domain → a repository path of a base image resolved there (where a push can
  /// mount the base's blobs from).
  std::map<std::string, std::string> Repositories();

  /// The resolver to hand to dockerfile::Lower (valid while this object lives).
  frontend::dockerfile::ImageResolver Resolver() {
    return [this](std::string_view name, const image::Platform& platform) { return Resolve(name, platform); };
  }

 private:
  std::shared_ptr<registry::RegistryHosts> hosts_;
  const content::Store& store_;
  progress::Sink& progress_;
  const exporter::ImageStore* local_;
  std::mutex mu_;
  std::map<std::pair<std::string, std::string>, frontend::dockerfile::ResolvedBaseImage> resolved_;
  std::map<std::string, std::string> repositories_;
  /// A tagged name → the digest of the index it named at its first resolution (under mu_).
  std::map<std::string, std::string> indexes_;

  std::string IndexOrReference(const registry::Reference& ref) const;
};

}  // namespace manifold::builder
