// exporter::ImageStore: manifold's local images by name (`--load`, `manifold images`, `run`, FROM).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/store.hpp"
#include "exporter/image_assembly.hpp"
#include "image/descriptor.hpp"
#include "util/error.hpp"

namespace manifold::exporter {

/// A named image in the store.
struct StoredImage {
  std::string name;            ///< normalized ("docker.io/library/app:1.0"); empty = unnamed
  image::Descriptor root;      ///< an index (several platforms) or a manifest
  std::string created;         ///< RFC 3339, when it was stored under this name
};

/// Names → root descriptors, kept as the `index.json` of the content store's directory, which
/// makes `MANIFOLD_ROOT/content` an OCI image layout that skopeo and umoci read as it is
/// (`oci:$MANIFOLD_ROOT/content:docker.io/library/app:1.0`). Every platform of an image is
/// kept, not only one. Changes take a file lock and rewrite index.json atomically, so
/// concurrent builds and commands never lose each other's names.
class ImageStore {
 public:
  /// `root` is MANIFOLD_ROOT; the content store must live under it.
  explicit ImageStore(std::filesystem::path root);

  /// Every stored image, sorted by name (unnamed ones last).
  util::Result<std::vector<StoredImage>> List() const;
  /// The image stored under `name` (normalized), if any.
  util::Result<std::optional<StoredImage>> Get(const std::string& name) const;
  /// Stores `root` under `name` (replacing what the name pointed at; empty name = unnamed),
  /// keeping its annotations (the build's index-descriptor ones) beside the store's own name
  /// and creation time. The blobs must already be in the content store.
  util::Status Put(const std::string& name, const image::Descriptor& root);
  /// Removes the name; kNotFound when there is no such image. Blobs stay until a prune.
  util::Status Remove(const std::string& name);

 private:
  std::filesystem::path dir_;
};

/// A stored image read back as a build's result (each platform's manifest, config and
/// layers), for saving it as an archive. With `platform`, only that platform's manifest (the
/// best match) is kept and becomes the root. Errors: missing blobs, no such platform.
util::Result<AssembledImages> AssembledFromStore(const content::Store& store, const image::Descriptor& root,
                                                 const std::optional<image::Platform>& platform = std::nullopt);

}  // namespace manifold::exporter
