// executor::SlirpNetwork: an isolated network namespace with outbound access for a rootless
// build step, through slirp4netns (user-mode NAT; no root, no bridge, no veth).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>

#include "util/error.hpp"
#include "util/unique_fd.hpp"

namespace manifold::executor {

/// slirp4netns on PATH when a rootless step can use it: installed, and /dev/net/tun openable
/// by us (its tap device); nullopt otherwise (the step then keeps the host's network).
/// Looked up once per process.
std::optional<std::filesystem::path> UsableSlirp4netns();

/// A network namespace held open by a child of ours, with slirp4netns attached: a tap device
/// (10.0.2.100/24, MTU 65520, default route via 10.0.2.2) and loopback, the outside reached
/// through slirp's NAT from our own network namespace, DNS at 10.0.2.3 forwarded to the host's
/// resolvers, and the host's loopback NOT reachable (--disable-host-loopback: a step sees no
/// service bound to the host's 127.0.0.1, as in BuildKit's rootless mode). The namespace
/// belongs to our user namespace, so the container may join it and mount sysfs in it. Both
/// children are tied to the calling thread (they die with it) and killed when this goes.
/// Move-only.
class SlirpNetwork {
 public:
  /// Starts it; `dir` (a private directory, e.g. the container's bundle) receives resolv.conf
  /// and slirp4netns's log. Waits until slirp4netns says it is ready (5 s at most). Errors:
  /// the namespace cannot be made (unshare), slirp4netns fails to start or to configure it
  /// (its own message quoted).
  static util::Result<SlirpNetwork> Start(const std::filesystem::path& slirp4netns, const std::filesystem::path& dir);

  SlirpNetwork(SlirpNetwork&& other) noexcept;
  SlirpNetwork& operator=(SlirpNetwork&&) = delete;
  ~SlirpNetwork();

  /// /proc/PID/ns/net of the namespace's holder: what the container joins.
  std::string ns_path() const;
  /// A resolv.conf naming slirp's DNS forwarder, with the host's search and options lines.
  const std::filesystem::path& resolv_conf() const { return resolv_conf_; }

 private:
  SlirpNetwork() = default;
  pid_t holder_ = -1;
  util::UniqueFd holder_release_;  ///< closing it lets the holder exit
  pid_t slirp_ = -1;
  util::UniqueFd slirp_exit_;  ///< closing it makes slirp4netns exit (--exit-fd)
  std::filesystem::path resolv_conf_;
};

}  // namespace manifold::executor
