// worker::PrepareMounts: what a RUN step's --mount flags need on the host, held while it runs.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "executor/container.hpp"
#include "graph/op.hpp"
#include "session/secrets.hpp"
#include "snapshot/snapshotter.hpp"
#include "util/error.hpp"
#include "worker/worker.hpp"

namespace manifold::worker {

/// Where mounts come from. Pointers are not owned; nullptr = that kind is unavailable.
struct MountServices {
  snapshot::Snapshotter* snapshotter = nullptr;
  /// Persistent cache mounts (`type=cache`), one directory per id, kept across builds.
  std::filesystem::path cache_dir;
  const session::SecretStore* secrets = nullptr;
  const session::SshAgents* ssh = nullptr;
};

/// The host side of a step's mounts: the runtime mounts and the environment they add (secret
/// env=, SSH_AUTH_SOCK). Views, writable copies,
/// cache locks and the secrets' tmpfs are released when this object goes.
class PreparedMounts {
 public:
  PreparedMounts();
  PreparedMounts(PreparedMounts&&) noexcept;
  ~PreparedMounts();

  std::vector<executor::ContainerMount> mounts;
  std::vector<std::string> env;
  struct Held;  ///< opaque: the views, copies, locks and tmpfs the mounts need

 private:
  friend util::Result<PreparedMounts> PrepareMounts(const graph::ExecOp&, const std::vector<OutputRef>&,
                                                    const MountServices&, const std::filesystem::path&);
  std::unique_ptr<Held> held_;
};

/// Prepares every mount of `op`: binds of input snapshots (read-only views, or writable copies
/// whose writes are dropped), cache directories under services.cache_dir (created with the
/// mount's mode and owner; `locked` waits for the lock, `private` falls back to a fresh
/// directory while another step holds it), tmpfs, secrets written to a private tmpfs under
/// `scratch` and bound read-only, ssh agent sockets. A secret or agent the build was not given
/// is skipped unless the mount says required. Errors name the mount's target.
util::Result<PreparedMounts> PrepareMounts(const graph::ExecOp& op, const std::vector<OutputRef>& inputs,
                                           const MountServices& services, const std::filesystem::path& scratch);

}  // namespace manifold::worker
