// registry::RegistryHosts: per-host settings (plain HTTP, TLS CAs, insecure) and shared clients.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "registry/auth.hpp"
#include "registry/client.hpp"
#include "registry/repository.hpp"
#include "util/error.hpp"

namespace manifold::registry {

/// What the configuration says of one registry host (buildkitd.toml's [registry."host"]).
struct HostConfig {
  bool http = false;       ///< plain HTTP
  bool insecure = false;   ///< TLS without verifying the certificate
  std::vector<std::string> ca_files;
};

/// Hands out one shared Registry per host, configured from `MANIFOLD_ROOT/config.json`:
/// `{"registries": {"host:port": {"http": true, "insecure": true, "ca": ["/path/ca.pem"]}}}`,
/// plus docker's `/etc/docker/certs.d/<host>/ca.crt` and `MANIFOLD_ROOT/certs.d/<host>/ca.crt`.
/// Loopback hosts (localhost, 127.0.0.0/8, ::1) speak plain HTTP unless configured otherwise
/// or given a CA, as docker does. docker.io is reached at registry-1.docker.io. Thread-safe.
class RegistryHosts {
 public:
  /// Reads the configuration under `root` (a missing file is no configuration; a malformed one
  /// is an error naming the file).
  static util::Result<std::shared_ptr<RegistryHosts>> Load(const std::filesystem::path& root,
                                                           CredentialSource credentials);

  /// Treats `host` as insecure from now on (`registry.insecure=true` on an output): plain HTTP.
  void MarkInsecure(std::string_view host);

  /// The client for a reference's domain ("docker.io", "localhost:5000").
  std::shared_ptr<Registry> Get(std::string_view domain);

  /// A new client for `domain` with this configuration but other credentials (`login` checks
  /// the ones it was given before storing them).
  std::shared_ptr<Registry> WithCredentials(std::string_view domain, CredentialSource credentials);

  /// A repository (`path` like "library/busybox") on `domain`.
  Repository RepositoryFor(std::string_view domain, std::string_view path) { return Repository(Get(domain), std::string(path)); }

 private:
  RegistryHosts(std::filesystem::path root, std::map<std::string, HostConfig> config, CredentialSource credentials)
      : root_(std::move(root)), config_(std::move(config)), credentials_(std::move(credentials)) {}

  RegistryOptions OptionsFor(std::string_view domain) const;  // mu_ held

  std::filesystem::path root_;
  std::map<std::string, HostConfig> config_;
  CredentialSource credentials_;
  std::mutex mu_;
  std::set<std::string, std::less<>> insecure_;
  std::map<std::string, std::shared_ptr<Registry>, std::less<>> clients_;
};

/// True for hosts reached over plain HTTP by default: localhost, 127.0.0.0/8 and ::1, with any port.
bool IsLoopbackHost(std::string_view domain);

}  // namespace manifold::registry
