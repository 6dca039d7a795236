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

/// buildx's TestReadTargets definition (without resources, which manifold does not model):
/// "webapp" inheriting "webDEP", with args on both, annotations, attest, platforms, a secret,
/// and no-cache, shm-size, ulimits and extra-hosts on the parent.
inline Config BuildxReadTargetsConfig() {
  Config c;
  Target dep = MakeTarget("webDEP");
  dep.args = NullableMap{{"VAR_INHERITED", "webDEP"}, {"VAR_BOTH", "webDEP"}};
  dep.no_cache = true;
  dep.shm_size = "128m";
  dep.ulimits = Strings{"nofile=1024:1024"};
  dep.extra_hosts = NullableMap{{"my_hostname", "8.8.8.8"}};
  Target web = MakeTarget("webapp");
  web.dockerfile = "Dockerfile.webapp";
  web.args = NullableMap{{"VAR_BOTH", "webapp"}};
  web.annotations = Strings{"index,manifest:org.opencontainers.image.authors=dvdksn"};
  web.attest = Strings{"type=provenance,mode=max"};
  web.platforms = Strings{"linux/amd64"};
  web.secrets = Strings{"id=FOO,env=FOO"};
  web.inherits = Strings{"webDEP"};
  c.targets = {dep, web};
  return c;
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
