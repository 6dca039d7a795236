// builder::Build: one `manifold build` from request to delivered outputs.
#pragma once

#include <string>
#include <vector>

#include "builder/build_request.hpp"
#include "builder/step_times.hpp"
#include "builder/check_warning.hpp"
#include "image/descriptor.hpp"
#include "progress/sink.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// What one platform produced.
struct PlatformResult {
  image::Platform platform;
  image::Descriptor manifest;
  image::Digest config = image::Digest::OfBytes("");
  int64_t layers_size = 0;  ///< compressed bytes of its layers
  size_t layers = 0;
  RunStepTimes run_steps;   ///< RUN steps natively and under emulation
};

/// What the build produced: the root descriptor (an index for several platforms, a manifest
/// for one) and each platform's part.
struct BuildResult {
  image::Descriptor root;
  std::vector<std::string> pushed;  ///< the names pushed to, as given
  std::vector<std::string> loaded;  ///< the names stored in manifold's image store (normalized)
  std::vector<PlatformResult> platforms;
  std::vector<CheckWarning> warnings;  ///< build checks' findings (also sent to the progress sink)
};

/// Reads the Dockerfile and context, lowers for every platform, solves the merged graph with
/// up to request.jobs vertices at once, makes each platform's layers (a layer shared by
/// platforms is compressed once), config and manifest, the index over them, and delivers every
/// output. Build checks (checks.hpp) run over the solved filesystems before anything is
/// exported; with error=true a finding fails the build and nothing is delivered. Progress goes
/// to `progress`. Outputs are written atomically: on failure nothing is left at their
/// destinations. Errors name the Dockerfile location, or the platform and step.
util::Result<BuildResult> Build(const BuildRequest& request, progress::Sink& progress);

}  // namespace manifold::builder
