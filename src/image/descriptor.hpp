// Descriptor: what OCI calls a content descriptor (media type, digest, size, ...).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "image/digest.hpp"
#include "image/platform.hpp"

namespace manifold::image {

/// An OCI content descriptor (image-spec descriptor.md). Plain data. `annotations` is a sorted
/// map so serialization is canonical.
struct Descriptor {
  std::string media_type;
  Digest digest = Digest::OfBytes("");
  int64_t size = 0;
  std::vector<std::string> urls;
  std::map<std::string, std::string> annotations;
  std::optional<Platform> platform;
  std::optional<std::string> artifact_type;
  /// Embedded content (`data`, decoded bytes), when the descriptor carries it.
  std::optional<std::string> data;

  bool operator==(const Descriptor&) const = default;
};

}  // namespace manifold::image
