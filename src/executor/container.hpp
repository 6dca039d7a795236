// executor::RunContainer: one process in a container, through an OCI runtime (crun or runc).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/error.hpp"

namespace manifold::executor {

/// A mount besides the standard ones (/proc, /dev, /sys, hosts, resolv.conf): RUN --mount
/// binds, caches, tmpfs and secrets; `manifold run` volumes.
struct ContainerMount {
  std::string destination;          ///< absolute, inside the container
  std::string type = "bind";        ///< "bind" or "tmpfs"
  std::string source;               ///< a host path for binds, "tmpfs" otherwise
  std::vector<std::string> options; ///< runc's mount options ("rbind", "ro", "size=…")
};

/// A resource limit of the container's process (OCI process.rlimits).
struct Rlimit {
  std::string type;  ///< "RLIMIT_NOFILE", …
  uint64_t soft = 0, hard = 0;  ///< UINT64_MAX = unlimited (RLIM_INFINITY)
};

/// The container's network.
enum class Network {
  kHost,  ///< the host's network namespace
  kNone,  ///< a namespace of its own with loopback only (RUN --network=none)
  /// A build step's default: rootless, an isolated namespace with outbound access through
  /// slirp4netns when it is installed and /dev/net/tun is ours to open (SlirpNetwork); otherwise,
  /// and as root, the host's.
  kDefault,
};

/// What to run and where. The rootfs is used in place (a mounted snapshot), read-write.
struct ContainerSpec {
  std::filesystem::path rootfs;
  std::vector<std::string> args;  ///< argv; args[0] is looked up in the container's PATH by the runtime
  std::vector<std::string> env;   ///< NAME=value
  std::string cwd = "/";
  uint32_t uid = 0, gid = 0;
  std::vector<uint32_t> additional_gids;
  Network network = Network::kHost;
  std::string hostname = "buildkitsandbox";
  std::vector<ContainerMount> mounts;  ///< mounted in order of destination (parents first)
  /// (name, address) lines added to /etc/hosts after the standard ones (--add-host).
  std::vector<std::pair<std::string, std::string>> extra_hosts;
  std::vector<Rlimit> rlimits;  ///< empty: the process inherits ours
  /// A cgroupfs path (no leading '/'): the container's cgroup is /<cgroup_parent>/<container
  /// id> in every hierarchy. Empty: where the runtime puts it by default.
  std::string cgroup_parent;
  /// A privileged container (RUN --security=insecure): every capability, every device (the
  /// host's fuse, kvm, tun, loop… nodes inside), writable /sys and /proc, nothing masked, and
  /// privileges may be gained (setuid binaries work).
  bool privileged = false;
  /// Interactive use (`manifold run`): the process gets our stdin/stdout/stderr instead of a
  /// pipe to `output`; with `terminal`, the runtime gives it a pseudo-terminal on ours.
  bool inherit_stdio = false;
  bool stdin_open = false;  ///< with inherit_stdio: our stdin too (`-i`), else /dev/null
  bool terminal = false;
};

/// One line of the process's output (stdout and stderr interleaved as they come).
using OutputFn = std::function<void(std::string_view line)>;

/// The OCI runtime config.json for `spec`: namespaces (mount, pid, ipc, uts; network unless
/// the host's), /proc, a tmpfs /dev with pts, shm and mqueue (the runtime adds null, zero, full,
/// random, urandom, tty), read-only /sys, the host's resolv.conf and `hosts_file` bound
/// read-only, Docker's default capabilities, no new privileges, masked and read-only /proc paths;
/// spec.rlimits, and linux.cgroupsPath /<spec.cgroup_parent>/<container_id> when a parent is
/// set. spec.privileged lifts the restrictions as its contract says (reading the kernel's last
/// capability and the host's device nodes).
/// `rootless` (we are root of a user namespace, not of the host): /sys is the host's bound
/// read-only when the container shares our network namespace (a new sysfs needs a network
/// namespace of its own), as `runc spec --rootless` does; device nodes are bound by the runtime
/// itself in a user namespace.
/// `joined`: a network namespace made for the container (SlirpNetwork's), which it joins, with
/// the resolv.conf that names the DNS forwarder inside it; nullptr = none (Network::kDefault is
/// then the host's).
struct JoinedNetwork {
  std::string ns_path;
  std::filesystem::path resolv_conf;
};
std::string RuntimeConfig(const ContainerSpec& spec, const std::filesystem::path& hosts_file,
                          std::string_view container_id, bool rootless = false, const JoinedNetwork* joined = nullptr);

/// Rootless: whether the cgroup /<cgroup_parent> (cgroup v2, under /sys/fs/cgroup) is delegated to
/// us, i.e. writable here. Errors: kPermissionDenied saying that --cgroup-parent cannot be
/// honoured without root or a delegated cgroup (systemd's Delegate=yes).
util::Status CheckCgroupDelegated(const std::string& cgroup_parent);

/// The container's /etc/hosts: localhost and the hostname (as BuildKit writes it), then one
/// "ADDRESS\tNAME" line per spec.extra_hosts entry.
std::string HostsFile(const ContainerSpec& spec);

/// Runs `spec` with ChosenRuntime() (crun or runc as detected, or MANIFOLD_RUNTIME: any OCI
/// runtime with runc's CLI), streaming output lines to `output`, and returns the process's exit
/// status (128 + signal when killed). Stopping `cancel` kills the container. The container and
/// its bundle are always removed. With spec.inherit_stdio, `output` is unused and the process
/// talks to our own stdio.
/// The bundle and the runtime's state (both hold spec.env) are kept on a tmpfs mounted at a
/// directory under `state_dir`: call this only in a private mount namespace
/// (util::EnterPrivateMountNamespace), so that nothing of it reaches a disk or outlives us.
/// When this process dies, however (SIGKILL too), the container dies with it: the runtime
/// process has a parent-death signal and a reaper process (forked on the first call) deletes
/// every container still running. Errors: no runtime (a missing forced one names
/// MANIFOLD_RUNTIME); the tmpfs or the reaper could not be set up; the runtime could not start
/// the container (its message included).
util::Result<int> RunContainer(const ContainerSpec& spec, const std::filesystem::path& state_dir,
                               const OutputFn& output, std::stop_token cancel = {});

/// Deletes the containers a dead process left under `state_dir` (its RunContainer state dir):
/// those of manifold versions that kept the runtime's state on disk (`state_dir/runtime`) still
/// run after a SIGKILL of their build; `<runtime> delete --force` kills them and removes their
/// cgroups. Best effort: what cannot be deleted is left as is. The caller knows the process
/// that used `state_dir` is dead.
void RemoveLeftoverContainers(const std::filesystem::path& state_dir);

}  // namespace manifold::executor
