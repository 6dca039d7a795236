// ImageOutputs: the outputs that receive a build's images, each with its names, annotations and options.
#pragma once

#include <string>
#include <vector>

#include "builder/build_request.hpp"
#include "exporter/annotations.hpp"
#include "exporter/output_spec.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// One destination of the build's images.
struct ImageOutput {
  /// kEngine: a Docker Engine (`-o type=docker` without dest, and `--load` beside kStore).
  enum class Kind { kOciArchive, kDockerArchive, kPush, kStore, kEngine };
  Kind kind = Kind::kStore;
  const exporter::OutputSpec* spec = nullptr;       ///< the --output it comes from; nullptr for --push, --load
  std::vector<std::string> names;                   ///< as given: the output's name=, else -t
  std::vector<exporter::Annotation> annotations;    ///< --annotation, then the output's own keys
  bool by_digest = false;                           ///< push: push-by-digest (no tag)
  bool name_canonical = false;                      ///< store: also NAME@DIGEST
  std::string dangling_prefix;                      ///< with no names: PREFIX@DIGEST
  bool engine_required = false;                     ///< engine: no Engine is an error (else a note)
};

/// The image outputs of `request` in delivery order: archives, pushes, then the image store
/// (`type=image` without push unless store=false, `store=true` beside a push, `--load`), then
/// the Docker Engine (`type=docker` without dest: required; `--load`: when one answers).
std::vector<ImageOutput> ImageOutputs(const BuildRequest& request);

/// What can be refused before anything is built: `--annotation` with no image output, a
/// `[platform]` selector naming a platform the build does not make, rewrite-timestamp=true
/// without SOURCE_DATE_EPOCH (BuildKit only logs a warning and leaves the layers as they are;
/// manifold refuses rather than ignore it), platform-split=false for several platforms.
/// Errors (kInvalidArgument) name the flag or output.
util::Status CheckOutputOptions(const BuildRequest& request);

/// After the images are assembled, before anything is delivered: every annotation has a
/// document to go to in the outputs it applies to (`root_is_index`: the root is an index).
util::Status CheckAnnotationPlaces(const std::vector<ImageOutput>& outputs, const BuildRequest& request,
                                   bool root_is_index);

}  // namespace manifold::builder
