// Delivering a build to the Docker Engine: finding it once, loading, and saying what went where.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "builder/build_request.hpp"
#include "builder/image_outputs.hpp"
#include "content/store.hpp"
#include "exporter/image_assembly.hpp"
#include "registry/docker_engine.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// The Engine a build loads into, or why there is none.
struct EngineTarget {
  std::optional<registry::DockerEngine> engine;
  std::string why_none;  ///< a sentence: no endpoint, or the endpoint did not answer
};

/// Finds the Engine (registry::FindDockerEndpoint over `env`) and connects to it. Never fails:
/// whatever keeps it out of reach becomes `why_none`.
EngineTarget ReachEngine(const registry::DockerEnvironment& env);

/// What the Engine outputs did, for the summary and the metadata file.
struct EngineDelivery {
  std::vector<std::string> names;  ///< names loaded into an Engine (normalized)
  std::vector<std::string> notes;  ///< one line each: what went where, or why nothing did
};

/// Loads `images` into `target` for one kEngine output. `--load` (not engine_required) with
/// no Engine adds a note saying where the image is instead (manifold's store); `-o type=docker`
/// without dest and no Engine is kInvalidArgument naming the flag and dest=. A classic store
/// gets one platform (exporter::EnginePlatform) and the note names it and where the others are.
util::Status DeliverToEngine(const ImageOutput& output, const BuildRequest& request, const content::Store& store,
                             const exporter::AssembledImages& images, EngineTarget& target, EngineDelivery* delivery);

/// Before the build: `-o type=docker` without dest needs an Engine; refuses at once when none
/// answers (kInvalidArgument, as DeliverToEngine would after the build).
util::Status CheckEngineOutputs(const BuildRequest& request);

}  // namespace manifold::builder
