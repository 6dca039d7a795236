// Test helpers: Configs and Targets written in a line, and an environment that is a map.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bake/env_lookup.hpp"
#include "bake/target.hpp"

namespace manifold::bake::internal {

using Strings = std::vector<std::string>;

/// A target named `name` with nothing set.
inline Target MakeTarget(std::string name) {
  Target t;
  t.name = std::move(name);
  return t;
}

/// A group named `name` listing `targets`.
inline Group MakeGroup(std::string name, Strings targets) {
  Group g;
  g.name = std::move(name);
  g.targets = std::move(targets);
  return g;
}

/// An EnvLookup over `vars` only.
inline EnvLookup FakeEnv(std::map<std::string, std::string> vars = {}) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace manifold::bake::internal
