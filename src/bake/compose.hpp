// Compose files (compose.yaml, docker-compose.yml, ...) read into bake targets, as buildx's
// bake/compose.go reads them through compose-go.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bake/definition_file.hpp"
#include "bake/target.hpp"
#include "util/error.hpp"

namespace manifold::bake {

/// How Compose files are read. Plain data.
struct ComposeOptions {
  /// Variable lookup for interpolation and for build args without a value: the process
  /// environment (buildx's --set/vars layered on top by the caller); nullopt = unset. May be
  /// empty (nothing is set).
  std::function<std::optional<std::string>(std::string_view name)> getenv;
  /// Where `.env` is read from (its values fill variables getenv leaves unset) and what
  /// relative `env_file` paths and the given files' names are relative to (for the files
  /// `include` and `extends` name). Empty = no `.env`; other files relative to the process's
  /// directory.
  std::filesystem::path working_dir;
  /// buildx's BUILDX_BAKE_FILE_RELATIVE: rebase relative local contexts (context and
  /// additional_contexts) onto the first file's directory ("project/compose.yml" with
  /// `context: ./app` gives "project/app"). Off, contexts stay as written, cleaned ("app"),
  /// relative to where bake runs, as buildx prints them.
  bool file_relative_paths = false;
};

/// True when `file` is a Compose file as buildx's validateComposeFile decides: a name ending
/// in .yml or .yaml (errors are left for ReadComposeFiles), never one ending in .json or .hcl,
/// otherwise a YAML mapping with a `services` or `secrets` key. Never throws.
bool IsComposeFile(const DefinitionFile& file);

/// Reads the Compose files, merged in order as compose-go merges them (a later file overrides
/// and extends the services of earlier ones; see internal/compose_model.hpp), into one target
/// per service with a `build` section, named after the service with `.` made `_`
/// (sanitizeTargetName), in order of first definition, and a group "default" listing them.
/// Variables are interpolated everywhere ($VAR, ${VAR:-default}, ...; COMPOSE_PROJECT_NAME is
/// the `name:` of the files, else getenv's, else "bake"). Each file's top-level `include`
/// imports other files' services and secrets, and a service's `extends` builds it on another
/// service of the same or another file (see internal/compose_files.hpp); those files are read
/// from disk relative to the directory of the file naming them (working_dir joined with a
/// given file's directory), and their relative paths (contexts, env_file, secret files, ssh
/// keys) are rebased onto where the given files' paths are relative to. A file without
/// services with build
/// gives an empty target list (the caller reports "no targets"). Errors (kInvalidArgument,
/// naming the file and line:column where there is one): malformed YAML, a top level that is
/// not a mapping, no services and no secrets ("empty compose file"), interpolation failures,
/// wrong value types, unknown build keys, invalid service names, undefined or external
/// secrets, a service with neither image nor build, bad extra_hosts, ulimits or shm_size, a
/// `.env` or env_file that cannot be read or parsed, a malformed `include` or `extends`, an
/// included or extended file or service that does not exist, an include or extends cycle,
/// include nesting or extends chains deeper than 32, more than 1024 files read.
util::Result<Config> ReadComposeFiles(const std::vector<DefinitionFile>& files,
                                      const ComposeOptions& options);

}  // namespace manifold::bake
