// Annotations: buildx's `--annotation [TYPES[PLATFORM]:]KEY=VALUE` and the `annotation*.KEY` output keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "image/platform.hpp"
#include "util/error.hpp"

namespace manifold::exporter {

/// Which document an annotation is written to (BuildKit's four annotation types).
enum class AnnotationType {
  kManifest,            ///< each platform's image manifest (the default when no type is given)
  kIndex,               ///< the image index over the platforms
  kManifestDescriptor,  ///< the descriptors of the manifests (index entries; a layout's root for one)
  kIndexDescriptor,     ///< the index's descriptor in an OCI layout's or the image store's index.json
};

/// One annotation and where it goes. Plain data.
struct Annotation {
  AnnotationType type = AnnotationType::kManifest;
  std::optional<image::Platform> platform;  ///< `[os/arch]`: only that platform's documents (normalized)
  std::string key;
  std::string value;

  bool operator==(const Annotation&) const = default;
};

/// "manifest", "index", "manifest-descriptor", "index-descriptor".
std::string_view AnnotationTypeName(AnnotationType type);

/// Parses one `--annotation` value as buildx does: `KEY=VALUE` annotates the manifests;
/// `TYPE[,TYPE…]:KEY=VALUE` names the documents, each type optionally followed by a platform
/// in square brackets (`manifest[linux/amd64]:KEY=VALUE`); one annotation per type. Errors
/// (kInvalidArgument) quote the value: no `=`, an empty key, an unknown type, a bad platform,
/// a platform on an index type (an index has no platform).
util::Result<std::vector<Annotation>> ParseAnnotationFlag(std::string_view text);

/// True when `key` is an output key of the annotation family (`annotation.`, `annotation-…`,
/// `annotation[…]`), whether well-formed or not.
bool IsAnnotationKey(std::string_view key);

/// Parses an output key as BuildKit does: `annotation.KEY` (manifest), `annotation-TYPE.KEY`,
/// `annotation[PLATFORM].KEY`, `annotation-TYPE[PLATFORM].KEY`. Errors as ParseAnnotationFlag's.
util::Result<Annotation> ParseAnnotationKey(std::string_view key, std::string_view value);

/// Adds `more` over `into`: an annotation of the same type, platform and key replaces the earlier one.
void MergeAnnotations(std::vector<Annotation>& into, const std::vector<Annotation>& more);

}  // namespace manifold::exporter
