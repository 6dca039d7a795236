// builder::RunImage: `manifold run`: find an image (store, archive, registry), unpack it, run one process.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "image/platform.hpp"
#include "progress/sink.hpp"
#include "registry/auth.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// docker run's flags that `manifold run` takes.
struct RunRequest {
  std::string image;                      ///< a name (store first, then its registry) or oci-archive:FILE
  std::optional<image::Platform> platform;  ///< default: the host's
  std::vector<std::string> command;       ///< replaces the image's CMD when given
  std::optional<std::string> entrypoint;  ///< replaces ENTRYPOINT ("" = none); also drops CMD
  std::vector<std::string> env;           ///< -e NAME=value | NAME (from our environment)
  std::string workdir, user;
  bool interactive = false, tty = false;
  bool network_none = false;
  bool pull = false;                      ///< ask the registry even when the store has the name
  std::filesystem::path root;             ///< MANIFOLD_ROOT
  registry::CredentialSource credentials;
};

/// Resolves the image for the platform (manifold's image store, else the registry its name
/// points at, or an OCI archive), checks this machine can run that platform (natively or
/// under QEMU), unpacks its layers, and runs the process with our stdio in a throwaway
/// container. Returns the process's exit status. Progress of pulls goes to `progress`.
util::Result<int> RunImage(const RunRequest& request, progress::Sink& progress);

}  // namespace manifold::builder
