// How cli commands reach registries: MANIFOLD_ROOT's host settings and docker's credentials.
#pragma once

#include <memory>

#include "registry/hosts.hpp"
#include "util/error.hpp"

namespace manifold::cli {

/// The registry hosts for this invocation: MANIFOLD_ROOT/config.json settings, credentials
/// from docker's config ($DOCKER_CONFIG or ~/.docker), read when a registry first asks.
util::Result<std::shared_ptr<registry::RegistryHosts>> OpenRegistryHosts();

/// The credential source commands hand to the registry layer.
registry::CredentialSource DockerCredentials();

}  // namespace manifold::cli
