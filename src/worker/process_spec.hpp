// worker::ProcessSpec: the container spec of one process in a rootfs (RUN steps, `manifold run`).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "executor/container.hpp"
#include "util/error.hpp"

namespace manifold::worker {

/// A spec running `args` in `root` with `env` (Docker's default PATH added when it has none),
/// in `cwd` (created when missing; empty = "/"), as `user` (USER syntax, resolved in the
/// rootfs's passwd and group). The caller adds network, mounts and stdio. Errors: an unknown
/// user or group, a cwd that cannot be created.
util::Result<executor::ContainerSpec> ProcessSpec(const std::filesystem::path& root, std::vector<std::string> args,
                                                  std::vector<std::string> env, const std::string& cwd,
                                                  const std::string& user);

}  // namespace manifold::worker
