// Manifest: an OCI image manifest / Docker v2 schema 2 manifest and its JSON form.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "image/descriptor.hpp"
#include "image/media_types.hpp"
#include "util/error.hpp"

namespace manifold::image {

/// An image manifest (image-spec manifest.md): one config and ordered layers, base first.
struct Manifest {
  /// As read (may be empty: the field is optional); SerializeManifest writes the family's type.
  std::string media_type;
  std::optional<std::string> artifact_type;
  Descriptor config;
  std::vector<Descriptor> layers;
  std::optional<Descriptor> subject;
  std::map<std::string, std::string> annotations;

  bool operator==(const Manifest&) const = default;
};

/// Canonical JSON bytes (sorted keys, no whitespace) with schemaVersion 2 and `family`'s
/// manifest media type; config and layer media types are mapped into `family` too (OCI config ↔
/// container.image.v1, OCI tar[+gzip|+zstd] ↔ rootfs.diff.tar[.gzip|.zstd]; other types kept).
/// The Docker family has no artifactType, subject or annotations: they are left out.
/// `layers` is always written, even empty. Hash exactly these bytes for the digest.
std::string SerializeManifest(const Manifest& manifest, MediaTypes family = MediaTypes::kOci);

/// Reads a manifest of either family. schemaVersion must be 2; mediaType, when present, must
/// be a manifest type; config and layers are required; every descriptor is checked as
/// DescriptorFromJson does. Errors (InvalidArgument) name the field ("layers[3].digest").
util::Result<Manifest> ParseManifest(std::string_view bytes);

}  // namespace manifold::image
