// ApplyAnnotations: an output's annotations written into its manifests, index and root descriptor.
#pragma once

#include <vector>

#include "content/store.hpp"
#include "exporter/annotations.hpp"
#include "exporter/image_assembly.hpp"
#include "util/error.hpp"

namespace manifold::exporter {

/// `images` (in `store`) with `annotations` written where their types say: manifest
/// annotations into each selected platform's manifest (a new manifest blob in `store`),
/// manifest-descriptor ones onto that platform's descriptor (the index entry, or the root when
/// there is no index), index ones into the index, index-descriptor ones onto the root
/// descriptor. When a manifest changes, the index is rewritten over the new digests and other
/// entries that referenced the old one (`vnd.docker.reference.digest`) follow it. No
/// annotations: `images` as they are, byte for byte. Errors (kInvalidArgument): a `[platform]`
/// the build did not make, an index annotation when the root is a single manifest (BuildKit's
/// rule), Docker media types (their schema has no annotations).
util::Result<AssembledImages> ApplyAnnotations(const content::Store& store, const AssembledImages& images,
                                               const std::vector<Annotation>& annotations);

/// Whether an output writes the document `annotation` goes to: manifests always; the index
/// when the root is one (`root_is_index`); a manifest's descriptor when there is an index or the
/// output writes an index.json of its own (`writes_layout_index`: OCI and docker archives, the
/// image store); the index's descriptor only in such an index.json over an index.
bool AnnotationHasPlace(const Annotation& annotation, bool root_is_index, bool writes_layout_index);

}  // namespace manifold::exporter
