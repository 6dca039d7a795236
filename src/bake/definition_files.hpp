// Which bake definition files a run reads: -f names, BUILDX_BAKE_FILE, or the default names.
#pragma once

#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bake/definition_file.hpp"
#include "bake/env_lookup.hpp"
#include "util/error.hpp"

namespace manifold::bake {

/// The names bake looks for when no file is named, in buildx's order: Compose's
/// (compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml), then docker-bake.json,
/// docker-bake.hcl, docker-bake.override.json, docker-bake.override.hcl.
std::vector<std::string> DefaultFileNames();

/// The files BUILDX_BAKE_FILE names, as buildx's bakeEnvFiles: split at
/// BUILDX_BAKE_PATH_SEPARATOR (default the OS path-list separator ':'), trimmed, empty parts
/// dropped; every name but "-" must exist (relative names against `dir`). An unset variable
/// gives an empty list. Errors: kNotFound naming the missing file.
util::Result<std::vector<std::string>> FileNamesFromEnv(const EnvLookup& lookup,
                                                        const std::filesystem::path& dir);

/// Reads the definition files. With `names` (from -f or FileNamesFromEnv) every one is read
/// in order and must exist ("-" is all of `stdin_in`); without, the default names present in
/// `dir` are read and missing ones skipped. Relative names are opened against `dir`; each
/// DefinitionFile keeps the name as given. Errors: kNotFound "open NAME: no such file or
/// directory", other read failures naming the file, "-" without a stdin, and kNotFound
/// "couldn't find a bake definition" when nothing was read.
util::Result<std::vector<DefinitionFile>> ReadDefinitionFiles(const std::vector<std::string>& names,
                                                              const std::filesystem::path& dir,
                                                              std::istream* stdin_in);

}  // namespace manifold::bake
