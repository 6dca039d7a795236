// BuildToTarget: one service's build section (and its x-bake extension) as a bake target.
#pragma once

#include <string>

#include "bake/internal/compose_template.hpp"
#include "bake/internal/yaml_tree.hpp"
#include "bake/target.hpp"
#include "util/error.hpp"

namespace manifold::bake::internal {

/// What BuildToTarget reads. References only; they must outlive the call.
struct BuildInput {
  const std::string& service_name;
  const YamlNode& service;  ///< a canonical service mapping with a build mapping
  const YamlNode& secrets;  ///< the top-level secrets mapping (or null)
  /// Resolves build args written without a value (the service environment, then the project).
  const VariableLookup& arg_lookup;
  /// The project lookup, for HOME in `~` paths.
  const VariableLookup& path_lookup;
};

/// The target for `input.service` as buildx's ParseCompose builds it (name left empty): every
/// build field, the image as the only tag when neither build.tags nor x-bake tags name one,
/// then x-bake merged in (composeExtTarget). Lists and maps left empty stay unset; no_cache
/// and pull are set only when true (x-bake may set them false). Errors: wrong value types, an
/// external secret, bad ulimits, shm_size or extra_hosts.
util::Result<Target> BuildToTarget(const BuildInput& input);

}  // namespace manifold::bake::internal
