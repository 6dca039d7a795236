// Builder instances: named sets of nodes (this machine, or ssh:// hosts) that builds run on.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "image/platform.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// One place a build runs: this machine (empty endpoint) or a host reached over ssh.
struct Node {
  std::string name;                        ///< unique within its instance
  std::string endpoint;                    ///< "" = this machine; "ssh://[user@]host[:port]"
  std::vector<image::Platform> platforms;  ///< `--platform` at create: this node owns these
  bool local() const { return endpoint.empty(); }
};

/// A builder instance, as `manifold create` made it.
struct Instance {
  std::string name;
  /// "local" (the embedded worker). buildx's docker-container, kubernetes and remote drivers
  /// are accepted by `create` and recorded as given; every driver runs the embedded worker.
  std::string driver = "local";
  std::vector<Node> nodes;
};

/// The instance that always exists: one local node, named "default".
inline constexpr std::string_view kDefaultInstance = "default";

/// An ssh:// endpoint, split.
struct SshEndpoint {
  std::string user;  ///< empty = ssh's default (the config's User, or the login name)
  std::string host;
  int port = 0;      ///< 0 = ssh's default
};

/// Parses "ssh://[user@]host[:port]" (no path, query or fragment). Errors (kInvalidArgument)
/// name the endpoint and what is wrong: another scheme (only ssh:// nodes, or none for this
/// machine), an empty host, a bad port.
util::Result<SshEndpoint> ParseSshEndpoint(std::string_view endpoint);

/// Builder instances under `MANIFOLD_ROOT/builders/`: one `NAME.json` each (written atomically)
/// and `current`, the name `manifold use` chose. Safe for concurrent readers; writers replace
/// whole files.
class InstanceStore {
 public:
  explicit InstanceStore(std::filesystem::path root);

  /// The named instance; "default" exists even when nothing is stored. kNotFound names the
  /// instance and says `manifold ls` lists them.
  util::Result<Instance> Get(std::string_view name) const;
  /// Every instance: "default" first, then by name.
  util::Result<std::vector<Instance>> List() const;
  /// Stores `instance` (replacing one of the same name). Names: [a-zA-Z0-9][a-zA-Z0-9_.-]*.
  util::Status Put(const Instance& instance);
  /// Removes a stored instance; "default" cannot be removed (kInvalidArgument). If it was the
  /// current one, "default" becomes current.
  util::Status Remove(std::string_view name);
  /// The current instance's name ("default" when none was chosen or the chosen one is gone).
  util::Result<std::string> Current() const;
  util::Status SetCurrent(std::string_view name);
  /// The instance a command uses: `flag` (--builder) if given, else $MANIFOLD_BUILDER, else
  /// $BUILDX_BUILDER, else the current one. Errors name where the unknown name came from.
  util::Result<Instance> Select(std::string_view flag) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace manifold::builder
