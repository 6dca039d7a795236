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

/// A directory's ignore rules: patterns and their compiled filters (none: nothing excluded).
struct IgnoreRules {
  std::vector<std::string> patterns;
  worker::PathFilter excluded;
  worker::PathFilter walk_excluded;  ///< excluded dirs an exception may reach into
};

/// The rules of the ignore file at `path` (its text `text`; `path` names it in errors).
util::Result<IgnoreRules> CompileIgnoreFile(const std::string& text, const std::filesystem::path& path);

/// `<dir>/.dockerignore` read confined to `dir` (as the build context's) and compiled; empty
/// rules when there is none. A named context's own ignore file, as BuildKit reads it.
util::Result<IgnoreRules> ReadDirIgnoreFile(const std::filesystem::path& dir);

/// Reads the Dockerfile (-f as given relative to the working directory, `-` = stdin, default
/// <context>/Dockerfile) and the ignore file: `<Dockerfile>.dockerignore` beside the Dockerfile
/// wins over `<context>/.dockerignore`, as BuildKit does. Errors name the missing or unreadable
/// path and the flag that pointed at it.
///
/// Confinement (as BuildKit's local sources): the Dockerfile is opened inside its directory —
/// the context for the default one, the directory of the -f path otherwise (an explicit -f
/// outside the context is fine, as in buildx) — and each ignore file inside the directory it is
/// looked for in, with openat2 RESOLVE_IN_ROOT: a symlink resolves as if that directory were
/// "/", so `Dockerfile -> Dockerfile.web` works and `Dockerfile -> /etc/shadow` reads as
/// missing. Anything but a regular file, and a file over kMaxDockerfileBytes, is an error.
util::Result<BuildInput> ReadBuildInput(const BuildRequest& request);

/// Reads a Dockerfile named on the command line by the user (`manifold debug parse FILE`,
/// "-" = stdin): at most kMaxDockerfileBytes, a regular file only. Not confined: the user
/// named this file.
util::Result<std::string> ReadDockerfileArgument(const std::filesystem::path& path);

}  // namespace manifold::builder
