// Reading a build's inputs: the Dockerfile and the context with its .dockerignore.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "builder/build_request.hpp"
#include "util/error.hpp"
#include "worker/outputs.hpp"

namespace manifold::builder {

struct BuildInput {
  std::string dockerfile;                   ///< the Dockerfile's bytes
  std::string dockerfile_name;              ///< as errors name it ("Dockerfile", "-")
  std::filesystem::path context_dir;        ///< absolute, symlinks resolved
  std::vector<std::string> ignore_patterns; ///< from the .dockerignore in effect
  worker::PathFilter excluded;              ///< the compiled patterns
  worker::PathFilter walk_excluded;         ///< excluded dirs an exception may reach into
};

/// Reads the Dockerfile (-f as given relative to the working directory, `-` = stdin, default
/// <context>/Dockerfile) and the ignore file: `<Dockerfile>.dockerignore` beside the Dockerfile
/// wins over `<context>/.dockerignore`, as BuildKit does. Errors name the missing or unreadable
/// path and the flag that pointed at it.
util::Result<BuildInput> ReadBuildInput(const BuildRequest& request);

}  // namespace manifold::builder
