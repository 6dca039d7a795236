// OpenRegistryHosts / DockerCredentials.
#include "cli/registry_access.hpp"

#include "cli/root.hpp"
#include "registry/credentials.hpp"

namespace manifold::cli {

registry::CredentialSource DockerCredentials() {
  return [](std::string_view host) -> util::Result<registry::Credential> {
    auto store = registry::CredentialStore::Open();
    if (!store) return registry::Credential{};  // no HOME and no DOCKER_CONFIG: anonymous
    return store->Get(host);
  };
}

util::Result<std::shared_ptr<registry::RegistryHosts>> OpenRegistryHosts() {
  return registry::RegistryHosts::Load(RootDir(), DockerCredentials());
}

}  // namespace manifold::cli
