// Index: an OCI image index / Docker manifest list and its JSON form.
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

/// An image index (image-spec image-index.md): one manifest descriptor per platform (plus any
/// attestation or artifact manifests), in order.
struct Index {
  /// As read (may be empty); SerializeIndex writes the family's type.
  std::string media_type;
  std::optional<std::string> artifact_type;
  std::vector<Descriptor> manifests;
  std::optional<Descriptor> subject;
  std::map<std::string, std::string> annotations;

  bool operator==(const Index&) const = default;
};

/// Canonical JSON bytes with schemaVersion 2 and `family`'s index media type (manifest list
/// for Docker); the manifests' media types are mapped into `family`. The Docker family leaves
/// out artifactType, subject and annotations. `manifests` is always written.
std::string SerializeIndex(const Index& index, MediaTypes family = MediaTypes::kOci);

/// Reads an index or manifest list. schemaVersion must be 2; mediaType, when present, must be
/// an index type; manifests is required; platforms need os and architecture. Errors
/// (InvalidArgument) name the field ("manifests[1].platform.os").
util::Result<Index> ParseIndex(std::string_view bytes);

}  // namespace manifold::image
