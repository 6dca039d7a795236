// registry::Inspect: what `imagetools inspect` shows: a reference's document and, per platform, its config.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "image/descriptor.hpp"
#include "registry/repository.hpp"
#include "util/error.hpp"

namespace manifold::registry {

/// One image of an inspected reference: the manifest (descriptor as listed, platform included
/// when known) and, when asked for, the manifest and config documents.
struct InspectedImage {
  image::Descriptor descriptor;
  std::string manifest_bytes;  ///< "" unless configs were asked for
  std::string config_bytes;    ///< "" unless configs were asked for
};

struct Inspected {
  FetchedManifest root;                ///< the index or manifest the reference names
  std::vector<InspectedImage> images;  ///< an index's manifests in order (attestations too); a manifest: itself
};

/// Fetches `reference` (tag or digest) of `repository`; with `configs`, also every image's
/// manifest and config (for `{{json .Image}}`); a lone manifest's platform is read from its
/// config then.
util::Result<Inspected> Inspect(const Repository& repository, std::string_view reference, bool configs);

}  // namespace manifold::registry
