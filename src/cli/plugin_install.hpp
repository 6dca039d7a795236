// `manifold install` / `uninstall`: manifold as a docker CLI plugin (docker-manifold, or
// docker-buildx in buildx's place), undone exactly by uninstall.
#pragma once

#include <filesystem>
#include <string>

#include "util/error.hpp"

namespace manifold::cli {

struct PluginInstallOptions {
  std::string as = "manifold";        ///< "manifold" or "buildx": the plugin's name
  std::filesystem::path plugin_dir;   ///< where docker looks for plugins (cli-plugins)
  std::filesystem::path config_dir;   ///< docker's config dir (config.json's aliases)
  std::filesystem::path binary;       ///< what the link points at (this executable)
};

/// docker's config dir: $DOCKER_CONFIG, else ~/.docker.
std::filesystem::path DockerConfigDir();

/// Links plugin_dir/docker-<as> to the binary. An existing plugin of that name (a real buildx)
/// is kept aside and comes back on uninstall; as buildx, config.json's aliases.builder is set
/// to "buildx" (as `buildx install` does, so `docker build` runs it) unless already set. What
/// was changed is recorded beside the link for Uninstall. Returns what it did, for the user.
util::Result<std::string> InstallPlugin(const PluginInstallOptions& options);

/// Removes what InstallPlugin did for `as` and restores what it had put aside. Refuses to
/// remove a docker-<as> that is not manifold's link.
util::Result<std::string> UninstallPlugin(const PluginInstallOptions& options);

}  // namespace manifold::cli
