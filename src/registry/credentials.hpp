// registry::CredentialStore: docker's client config (config.json): auths, credsStore, credHelpers.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::registry {

/// What a registry is authenticated with. An identity token (OAuth2 refresh token) replaces the
/// password when set. Never printed: errors and logs name the user at most.
struct Credential {
  std::string username, password, identity_token;
  bool empty() const { return username.empty() && password.empty() && identity_token.empty(); }
};

/// Credentials by registry host, in docker's file format, so `docker login` and `manifold
/// login` share them: `$DOCKER_CONFIG/config.json` (default `~/.docker/config.json`).
/// `credHelpers[host]` or else `credsStore` name a `docker-credential-<name>` program spoken
/// to with its get/store/erase protocol; otherwise `auths[host].auth` holds base64(user:pass).
/// docker.io is filed under "https://index.docker.io/v1/"; other keys match by host whatever
/// scheme or path they were written with. Not thread-safe for writers; reads re-read the file.
class CredentialStore {
 public:
  /// `config_dir` empty: $DOCKER_CONFIG, else $HOME/.docker. A missing file is an empty store.
  static util::Result<CredentialStore> Open(std::filesystem::path config_dir = {});

  /// The credential for `host` ("docker.io", "localhost:5000"); an empty one when there is none.
  util::Result<Credential> Get(std::string_view host) const;
  /// Saves the credential for `host` (login). The file keeps every other key; written
  /// atomically with mode 0600.
  util::Status Store(std::string_view host, const Credential& credential) const;
  /// Removes the credential for `host` (logout); kNotFound when there was none.
  util::Status Erase(std::string_view host) const;

  const std::filesystem::path& file() const { return file_; }

 private:
  explicit CredentialStore(std::filesystem::path file) : file_(std::move(file)) {}
  std::filesystem::path file_;
};

/// The registry host a config key or a login server names: "https://host:5000/v2/" →
/// "host:5000"; docker's historical names of Docker Hub → docker.io.
std::string CredentialHost(std::string_view key);

/// The key docker files a host under: "https://index.docker.io/v1/" for docker.io, else the host.
std::string CredentialKey(std::string_view host);

}  // namespace manifold::registry
