// builder::Build: one `manifold build` from request to delivered outputs.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "builder/base_images.hpp"
#include "builder/build_request.hpp"
#include "builder/local_source_names.hpp"
#include "cache/remote_cache.hpp"
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
  image::Descriptor config_descriptor;
  std::vector<image::Descriptor> layer_descriptors;
  std::string node;         ///< the builder node that built it ("" = this machine, no builder instance in play)
  bool native = true;       ///< built on a CPU of its own architecture (else under QEMU)
};

/// What the build produced: the root descriptor (an index for several platforms, a manifest
/// for one) and each platform's part.
struct BuildResult {
  image::Descriptor root;
  std::vector<std::string> pushed;  ///< the names pushed to, as given
  std::vector<std::string> loaded;  ///< the names stored in manifold's image store (normalized)
  std::vector<std::string> archived;  ///< the names given to OCI/docker archives (normalized)
  std::vector<std::string> engine_loaded;  ///< the names loaded into a Docker Engine (normalized)
  std::vector<std::string> notes;   ///< summary lines about where images went (the Docker Engine)
  std::string build_ref;            ///< buildx.build.ref: BUILDER/NODE/REF (set by the cli)
  std::vector<PlatformResult> platforms;
  std::vector<CheckWarning> warnings;  ///< build checks' findings (also sent to the progress sink)
  /// Provenance predicates made with mode=max, by platform ("linux/amd64"), for --metadata-file.
  std::map<std::string, nlohmann::json> provenance;
  /// A share of a multi-node build (request.platform_share): for each request.cache_to entry, the
  /// records it would export (empty for inline ones); the client merges every node's and writes.
  std::vector<std::vector<cache::PortableRecord>> cache_records;
};

/// How a build of a set (BuildSet) lowers beside the others.
struct LowerInSet {
  /// Names the local sources (the context, named directories); nullptr = "context", "context:KEY".
  LocalSourceNames* names = nullptr;
  /// Named contexts that are other builds' results (NamedContext::Kind::kBuild), by key.
  std::map<std::string, frontend::dockerfile::NamedContext> links;
};

/// Reads the Dockerfile and context (.dockerignore) of `request` and lowers it for every
/// platform of the request, resolving base images through `base_images`.
util::Result<LoweredBuild> ReadAndLower(const BuildRequest& request, BaseImages& base_images,
                                        const LowerInSet& in_set = {});

/// Reads the Dockerfile and context, lowers for every platform, solves the merged graph with
/// up to request.jobs vertices at once, makes each platform's layers (a layer shared by
/// platforms is compressed once), config and manifest, the index over them, and delivers every
/// output. Build checks (checks.hpp) run over the solved filesystems before anything is
/// exported; with error=true a finding fails the build and nothing is delivered. Progress goes
/// to `progress`. Outputs are written atomically: on failure nothing is left at their
/// destinations. Errors name the Dockerfile location, or the platform and step.
/// (BuildSet with this one member.)
util::Result<BuildResult> Build(const BuildRequest& request, progress::Sink& progress);

}  // namespace manifold::builder
