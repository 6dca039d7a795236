// worker::RunProcessInImage: `manifold run`: one interactive process over an image's snapshot.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "snapshot/snapshotter.hpp"
#include "util/error.hpp"

namespace manifold::worker {

/// What `manifold run` asked for, after the image's config defaults were applied.
struct ProcessOptions {
  std::vector<std::string> args;  ///< argv (entrypoint + command)
  std::vector<std::string> env;   ///< NAME=value; PATH is added when missing
  std::string cwd = "/";          ///< created when missing
  std::string user;               ///< USER syntax, resolved in the image's passwd/group
  bool interactive = false;       ///< -i: the process reads our stdin
  bool tty = false;               ///< -t: a pseudo-terminal
  bool host_network = true;
  std::string hostname = "manifold";
};

/// Runs `options` in a container over a throwaway writable snapshot of `image` (nothing it
/// writes is kept), with our stdio, and returns its exit status (128 + signal if killed).
/// Foreign platforms run through binfmt_misc as RUN steps do. Errors: the user cannot be
/// resolved, the runtime could not start the process (e.g. the program does not exist).
util::Result<int> RunProcessInImage(const snapshot::SnapshotRef& image, snapshot::Snapshotter& snapshotter,
                                    const std::filesystem::path& state_dir, const ProcessOptions& options);

}  // namespace manifold::worker
