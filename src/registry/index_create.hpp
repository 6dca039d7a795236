// registry::ComposeIndex / PublishIndex: `imagetools create`, an index stitched from existing images.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "content/store.hpp"
#include "image/descriptor.hpp"
#include "registry/repository.hpp"
#include "util/error.hpp"

namespace manifold::registry {

/// A manifest or index to take images from.
struct IndexSource {
  Repository repository;
  std::string reference;  ///< tag or digest
};

/// The composed index: its bytes, descriptor, and for each entry the source it came from.
struct ComposedIndex {
  image::Descriptor descriptor;
  std::string bytes;
  std::vector<image::Descriptor> entries;
  std::vector<size_t> source_of;  ///< entries[i] came from sources[source_of[i]]
};

/// Merges the sources into one index: an index contributes its entries, a manifest itself
/// with the platform its config names. An entry already present (same digest) is kept once.
/// OCI index media type unless every source uses Docker types (then a Docker manifest list);
/// `annotations` become the index's. Errors name the source.
util::Result<ComposedIndex> ComposeIndex(const std::vector<IndexSource>& sources,
                                         const std::map<std::string, std::string>& annotations);

/// Makes `target` hold everything `index` references (manifests by digest and their blobs:
/// nothing when a source is the target repository itself, mounted from a source repository on
/// the same registry, else copied through `store`), then puts the index under each tag.
util::Status PublishIndex(const ComposedIndex& index, const std::vector<IndexSource>& sources, const Repository& target,
                          const std::vector<std::string>& tags, const content::Store& store);

}  // namespace manifold::registry
