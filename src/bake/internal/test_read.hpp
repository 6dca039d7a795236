// Test helpers: ReadHclFiles over literal files with a fake environment.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bake/hcl_config.hpp"

namespace manifold::bake::testing {

/// Reads `files` ({name, text} pairs) with `env` as the environment, BAKE_LOCAL_PLATFORM
/// "linux/amd64" and BAKE_CMD_CONTEXT "cwd://".
inline util::Result<HclConfig> ReadFiles(const std::vector<DefinitionFile>& files,
                                         std::map<std::string, std::string> env = {}) {
  HclOptions options;
  options.getenv = [env](std::string_view name) -> std::optional<std::string> {
    auto it = env.find(std::string(name));
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  options.local_platform = "linux/amd64";
  options.cmd_context = "cwd://";
  return ReadHclFiles(files, options);
}

/// One native-syntax file named docker-bake.hcl.
inline util::Result<HclConfig> ReadHcl(std::string text, std::map<std::string, std::string> env = {}) {
  return ReadFiles({DefinitionFile{"docker-bake.hcl", std::move(text)}}, std::move(env));
}

/// The target named `name`, or nullptr.
inline const Target* FindTarget(const Config& c, std::string_view name) {
  for (const Target& t : c.targets) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

/// The group named `name`, or nullptr.
inline const Group* FindGroup(const Config& c, std::string_view name) {
  for (const Group& g : c.groups) {
    if (g.name == name) return &g;
  }
  return nullptr;
}

}  // namespace manifold::bake::testing
