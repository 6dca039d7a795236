// bake::ReadConfig: definition files (Compose, HCL, JSON) → one Config, as buildx's ParseFiles.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bake/definition_file.hpp"
#include "bake/env_lookup.hpp"
#include "bake/target.hpp"
#include "bake/variable_info.hpp"
#include "util/error.hpp"

namespace manifold::bake {

/// How the files are read.
struct ReadConfigOptions {
  EnvLookup env = ProcessEnv();          ///< variables: Compose interpolation, HCL overrides
  std::filesystem::path working_dir;     ///< Compose's .env; relative paths stay relative to it
  std::string local_platform;            ///< BAKE_LOCAL_PLATFORM
  std::string cmd_context = "cwd://";    ///< BAKE_CMD_CONTEXT
};

/// The targets and groups of all files, and the HCL variables (for --list variables).
struct ReadConfigResult {
  Config config;
  std::vector<VariableInfo> variables;
};

/// Sorts the files as buildx does (IsComposeFile: Compose; otherwise HCL or JSON), reads the
/// Compose files together (ReadComposeFiles), then the HCL and JSON files together as one body
/// (ReadHclFiles), and merges the second into the first (MergeConfig: a target both define is
/// one target, the HCL attributes over the Compose ones). Errors are the readers'.
util::Result<ReadConfigResult> ReadConfig(const std::vector<DefinitionFile>& files, const ReadConfigOptions& options);

}  // namespace manifold::bake
