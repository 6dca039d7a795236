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

/// One in-toto statement of an attestation manifest (BuildKit's form) about an image of the index.
struct InspectedStatement {
  image::Digest subject = image::Digest::OfBytes("");  ///< the image manifest it is about
  std::string predicate_type;                         ///< the layer's in-toto.io/predicate-type
  std::string bytes;                                  ///< the statement
};

struct Inspected {
  FetchedManifest root;                ///< the index or manifest the reference names
  std::vector<InspectedImage> images;  ///< an index's manifests in order (attestations too); a manifest: itself
  std::vector<InspectedStatement> statements;  ///< with `attestations`: every attestation manifest's
};

/// What Inspect() fetches beyond the root document.
struct InspectOptions {
  bool configs = false;       ///< every image's manifest and config (`{{json .Image}}`)
  bool attestations = false;  ///< the statements of the index's attestation manifests (.Provenance, .SBOM)
};

/// Fetches `reference` (tag or digest) of `repository`; with `configs`, also every image's
/// manifest and config (for `{{json .Image}}`); a lone manifest's platform is read from its
/// config then. With `attestations`, the in-toto layers of every index entry annotated
/// `vnd.docker.reference.type=attestation-manifest` (each at most TransferLimits::config_bytes).
util::Result<Inspected> Inspect(const Repository& repository, std::string_view reference, InspectOptions options);

}  // namespace manifold::registry
