// builder::BaseImages: the frontend's image resolver, asking registries once per name and platform.
#pragma once

#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

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
/// "[internal] load metadata for NAME" step. Thread-safe: resolutions of different (name,
/// platform) pairs run at once; a second ask for a pair waits for the first and gets its result
/// (a failure too). Destruction waits for prefetches still running.
class BaseImages {
 public:
  /// With `local` (not owned), names found in manifold's image store are used from there
  /// without asking a registry (as docker's builder does; `--pull` passes nullptr).
  BaseImages(std::shared_ptr<registry::RegistryHosts> hosts, const content::Store& store, progress::Sink& progress,
             const exporter::ImageStore* local = nullptr)
      : hosts_(std::move(hosts)), store_(store), progress_(progress), local_(local) {}
  ~BaseImages();
  BaseImages(const BaseImages&) = delete;
  BaseImages& operator=(const BaseImages&) = delete;

  util::Result<frontend::dockerfile::ResolvedBaseImage> Resolve(std::string_view name, const image::Platform& platform);

  /// Starts resolving `name` for each of `platforms` in the background, showing nothing: a later
  /// Resolve of one of those pairs waits for that work (and shows it) instead of starting it.
  /// The name is asked of its registry once; when it names an index, every platform's manifest
  /// and config are then fetched at once, where lowering one platform after the other waited
  /// two round trips more for each platform. Pairs resolved or resolving already, names
  /// manifold's image store answers, and unparsable names are left alone (Resolve reports them).
  /// A hint: its failures are the Resolve's that asks.
  void Prefetch(std::string_view name, const std::vector<image::Platform>& platforms);

  /// Registry domain → a repository path of a base image resolved there (where a push can
  /// mount the base's blobs from).
  std::map<std::string, std::string> Repositories();

  /// The resolver to hand to dockerfile::Lower (valid while this object lives).
  frontend::dockerfile::ImageResolver Resolver() {
    return [this](std::string_view name, const image::Platform& platform) { return Resolve(name, platform); };
  }

 private:
  using Resolved = util::Result<frontend::dockerfile::ResolvedBaseImage>;
  using Key = std::pair<std::string, std::string>;  // name, formatted platform

  // The work of a resolution, without progress events: where Resolve and Prefetch meet.
  Resolved ResolveNow(const registry::Reference& ref, const image::Platform& platform);
  // Asks the registry for `ref` once and keeps an index it names in the store (and, for a tag,
  // in indexes_), so that each platform's ResolveNow then starts from the stored index. False
  // when that could not be settled (the request failed): then the platforms go one by one.
  bool FetchIndexOnce(const registry::Reference& ref);
  std::string IndexOrReference(const registry::Reference& ref) const;  // under mu_

  std::shared_ptr<registry::RegistryHosts> hosts_;
  const content::Store& store_;
  progress::Sink& progress_;
  const exporter::ImageStore* local_;
  std::mutex mu_;
  struct Entry {
    std::shared_future<Resolved> result;
    bool shown = false;  // its "load metadata" step was shown (by the first Resolve that asked)
  };
  std::map<Key, Entry> entries_;  // resolved and resolving, under mu_
  std::map<std::string, std::string> repositories_;    // under mu_
  /// A tagged name → the digest of the index it named at its first resolution (under mu_).
  std::map<std::string, std::string> indexes_;
  std::vector<std::future<void>> prefetches_;  // under mu_; waited for by the destructor
};

}  // namespace manifold::builder
