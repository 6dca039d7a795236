// LoadIntoEngine: a build's images loaded into a Docker Engine (`--load`, `-o type=docker` without dest).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "content/store.hpp"
#include "exporter/image_assembly.hpp"
#include "registry/docker_engine.hpp"
#include "util/error.hpp"

namespace manifold::exporter {

/// What went into the Engine.
struct EngineLoaded {
  std::string host;                         ///< "unix:///var/run/docker.sock"
  /// The one platform loaded (classic store); nullopt when every platform was (containerd store).
  std::optional<image::Platform> platform;
  size_t platforms_built = 0;               ///< how many the build made
  std::vector<std::string> names;           ///< the names the Engine reported ("app:test")
  /// The image ID the Engine shows for a classic-store load: the config's digest.
  std::optional<image::Digest> image_id;
};

/// The platform a classic-store Engine (one platform per image) gets of `images`: the only one
/// when there is one, else `host` when the build made it, else the first.
const PlatformImage& EnginePlatform(const AssembledImages& images, const image::Platform& host);

/// Loads `images` (blobs in `store`) into `engine` under `names` (-t or the output's name=).
/// A classic store gets EnginePlatform()'s image as a docker archive (manifest.json with
/// RepoTags); a containerd image store gets every platform, as an OCI layout whose index.json
/// names the root (io.containerd.image.name). The archive is written by a second thread into
/// a pipe that the request body is read from: never whole in memory or on disk. Errors name
/// the Engine (registry::DockerEngine::Load) or the archive being written.
util::Result<EngineLoaded> LoadIntoEngine(const registry::DockerEngine& engine, const content::Store& store,
                                          const AssembledImages& images, const std::vector<std::string>& names,
                                          std::optional<int64_t> source_date_epoch);

}  // namespace manifold::exporter
