// OpenRegistryHosts / DockerCredentials.
#include "cli/registry_access.hpp"

#include "cli/root.hpp"

namespace manifold::cli {

registry::CredentialSource DockerCredentials() {
  // Wired to registry::CredentialStore when that lands; anonymous until then.
  return {};
}

util::Result<std::shared_ptr<registry::RegistryHosts>> OpenRegistryHosts() {
  return registry::RegistryHosts::Load(RootDir(), DockerCredentials());
}

}  // namespace manifold::cli
