// Pulling images: a reference → the manifest for one platform → its config and layers in the store.
#pragma once

#include <optional>
#include <string_view>

#include "content/store.hpp"
#include "image/descriptor.hpp"
#include "image/manifest.hpp"
#include "image/platform.hpp"
#include "registry/repository.hpp"
#include "util/error.hpp"

namespace manifold::registry {

/// What a reference resolved to for one platform. The index (when the reference named one),
/// the manifest and the config are in the store once this exists; the layers may not be yet.
struct ResolvedImage {
  std::optional<image::Descriptor> index;  ///< the index the reference named, if it named one
  image::Descriptor manifest;              ///< the chosen manifest, with the platform it serves
  image::Manifest parsed;                  ///< its content
  std::string config_bytes;                ///< the image config blob as stored
};

/// Where ResolveImage reads documents from: a registry repository or the content store.
struct ManifestSource {
  std::string name;  ///< for messages: "localhost:5000/app", or a local image's name
  /// The manifest or index `reference` (a tag or digest) names, with its descriptor.
  std::function<util::Result<FetchedManifest>(std::string_view reference)> get_manifest;
  /// Makes sure the config `blob` is in the store (a download within the config size limit,
  /// or nothing for local images).
  std::function<util::Status(const image::Descriptor& blob)> fetch_blob;
};

/// Resolves `reference` (tag or digest) of `source` for `platform`, as below.
util::Result<ResolvedImage> ResolveImage(const ManifestSource& source, std::string_view reference,
                                         const image::Platform& platform, const content::Store& store);

/// An image already in `store` (manifold's image store, an imported archive) whose root is
/// `root`, as a ManifestSource named `name`. Missing blobs are kNotFound errors.
ManifestSource StoredImageSource(const content::Store& store, const image::Descriptor& root, std::string name);

/// Resolves `reference` (tag or digest) of `repository` for `platform`: an index gives the
/// entry that best matches (exact variant first, then compatible ones, as containerd orders
/// them); a single manifest must serve the platform its config names. Stores the documents
/// met on the way. Errors: kNotFound for an unknown tag, and for no matching platform one
/// that lists the platforms the index offers.
util::Result<ResolvedImage> ResolveImage(const Repository& repository, std::string_view reference,
                                         const image::Platform& platform, const content::Store& store);

/// Downloads every layer of `manifest` missing from `store`, `jobs` at a time.
util::Status PullLayers(const Repository& repository, const image::Manifest& manifest, const content::Store& store,
                        int jobs = 4, const ProgressFn& progress = {});

}  // namespace manifold::registry
