// session::SecretStore: the secrets a build was given (`--secret`), read once, kept in memory only.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace manifold::session {

/// Secrets by id. Values never go to disk outside the tmpfs a RUN step sees them on, and never
/// into a layer, a cache key or a log line. Thread-safe once built (read-only).
class SecretStore {
 public:
  /// Parses buildx's `--secret` values (`id=ID[,src=FILE|,env=VAR][,type=file|env]`; with
  /// neither src nor env, the variable ID if it is set, else the file ID) and reads each one.
  /// Errors name the flag value: bad syntax, an unreadable file, an unset variable.
  static util::Result<SecretStore> FromFlags(const std::vector<std::string>& specs);

  /// Secrets already read (a node's, sent by the client over the channel).
  static SecretStore FromValues(std::map<std::string, std::string> values) {
    SecretStore store;
    store.secrets_ = std::move(values);
    return store;
  }
  /// Every secret by id, to send to a node for the duration of a build.
  const std::map<std::string, std::string>& All() const { return secrets_; }

  /// The secret's bytes, or nullptr when the build was not given it.
  const std::string* Get(const std::string& id) const;
  /// Every value, for redacting them from command output.
  std::vector<std::string_view> Values() const;

 private:
  std::map<std::string, std::string> secrets_;
};

/// SSH agent sockets by id (`--ssh default` = $SSH_AUTH_SOCK, `--ssh ID=SOCKET`).
class SshAgents {
 public:
  /// Errors: `default` without SSH_AUTH_SOCK, a path that is not a socket (key files are not
  /// supported: start an agent and `ssh-add` them).
  static util::Result<SshAgents> FromFlags(const std::vector<std::string>& specs);
  /// The socket for `id`, or nullptr.
  const std::string* Get(const std::string& id) const;

 private:
  std::map<std::string, std::string> sockets_;
};

}  // namespace manifold::session
