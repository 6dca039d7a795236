// ProjectToConfig: a merged Compose model bound to bake targets, as buildx's ParseCompose.
#pragma once

#include <filesystem>

#include "bake/internal/compose_template.hpp"
#include "bake/internal/yaml_tree.hpp"
#include "bake/target.hpp"
#include "util/error.hpp"

namespace manifold::bake::internal {

/// Binds `model` (merged, canonical; see compose_model.hpp) to a Config: one target per
/// service with a build mapping, in model order, and the group "default" listing them (no
/// group when there are no services). Build args without a value take the service's
/// environment (env_file files, read relative to `working_dir`, then `environment`), then
/// `lookup`; still unset, they are dropped. Errors: see ReadComposeFiles.
util::Result<Config> ProjectToConfig(const YamlNode& model, const VariableLookup& lookup,
                                     const std::filesystem::path& working_dir);

/// buildx's sanitizeTargetName: Compose allows `.` in service names, bake targets do not.
std::string SanitizeTargetName(std::string_view name);

}  // namespace manifold::bake::internal
