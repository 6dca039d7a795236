// RuntimeConfig: the OCI runtime spec (config.json) of a build container.
#include <unistd.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "executor/container.hpp"
#include "executor/internal/privileged.hpp"

namespace manifold::executor {
namespace {

// Docker's default capability set for containers (moby's oci/caps/defaults.go lists these).
const char* const kCapabilities[] = {
    "CAP_CHOWN",  "CAP_DAC_OVERRIDE",   "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD",
    "CAP_NET_RAW", "CAP_SETGID",        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
    "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
};

nlohmann::json Mount(const char* destination, const char* type, std::string source,
                     std::vector<std::string> options) {
  return {{"destination", destination}, {"type", type}, {"source", std::move(source)}, {"options", std::move(options)}};
}

}  // namespace

std::string HostsFile(const ContainerSpec& spec) {
  std::string hosts = "127.0.0.1\tlocalhost " + spec.hostname + "\n::1\tlocalhost ip6-localhost ip6-loopback\n";
  for (const auto& [name, address] : spec.extra_hosts) hosts += address + "\t" + name + "\n";
  return hosts;
}

std::string RuntimeConfig(const ContainerSpec& spec, const std::filesystem::path& hosts_file,
                          std::string_view container_id, bool rootless, const JoinedNetwork* joined) {
  const bool host_network =
      spec.network == Network::kHost || (spec.network == Network::kDefault && joined == nullptr);
  const std::string resolv_conf = joined != nullptr ? joined->resolv_conf.string() : "/etc/resolv.conf";
  nlohmann::json caps = nlohmann::json::array();
  for (const char* c : kCapabilities) caps.push_back(c);
  nlohmann::json process = {
      {"terminal", spec.terminal},
      {"user", {{"uid", spec.uid}, {"gid", spec.gid}, {"additionalGids", spec.additional_gids}}},
      {"args", spec.args},
      {"env", spec.env},
      {"cwd", spec.cwd},
      {"capabilities", {{"bounding", caps}, {"effective", caps}, {"permitted", caps}}},
      // A build step is root in its container at most: setuid binaries gain nothing more.
      {"noNewPrivileges", true},
  };
  nlohmann::json mounts = nlohmann::json::array({
      Mount("/proc", "proc", "proc", {"nosuid", "noexec", "nodev"}),
      Mount("/dev", "tmpfs", "tmpfs", {"nosuid", "strictatime", "mode=755", "size=65536k"}),
      Mount("/dev/pts", "devpts", "devpts", {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"}),
      Mount("/dev/shm", "tmpfs", "shm", {"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"}),
      Mount("/dev/mqueue", "mqueue", "mqueue", {"nosuid", "noexec", "nodev"}),
      // sysfs may be mounted only by the owner of the network namespace: rootless with the host
      // network, that is the host's, so its /sys is bound (runc spec --rootless does the same).
      rootless && host_network ? Mount("/sys", "bind", "/sys", {"rbind", "nosuid", "noexec", "nodev", "ro"})
                               : Mount("/sys", "sysfs", "sysfs", {"nosuid", "noexec", "nodev", "ro"}),
      Mount("/etc/resolv.conf", "bind", resolv_conf, {"rbind", "ro"}),
      Mount("/etc/hosts", "bind", hosts_file.string(), {"rbind", "ro"}),
  });
  std::vector<const ContainerMount*> extra;
  for (const auto& m : spec.mounts) extra.push_back(&m);
  // Parents before children: a cache at /root/.cache must not hide a bind at /root/.cache/x.
  std::stable_sort(extra.begin(), extra.end(), [](const ContainerMount* a, const ContainerMount* b) {
    return std::count(a->destination.begin(), a->destination.end(), '/') <
           std::count(b->destination.begin(), b->destination.end(), '/');
  });
  for (const auto* m : extra) mounts.push_back(Mount(m->destination.c_str(), m->type.c_str(), m->source, m->options));
  if (!spec.rlimits.empty()) {
    nlohmann::json rlimits = nlohmann::json::array();
    for (const auto& r : spec.rlimits) rlimits.push_back({{"type", r.type}, {"soft", r.soft}, {"hard", r.hard}});
    process["rlimits"] = std::move(rlimits);
  }
  nlohmann::json namespaces = nlohmann::json::array({{{"type", "pid"}}, {{"type", "ipc"}}, {{"type", "uts"}}, {{"type", "mount"}}});
  if (joined != nullptr && spec.network == Network::kDefault) {
    namespaces.push_back({{"type", "network"}, {"path", joined->ns_path}});
  } else if (!host_network) {
    namespaces.push_back({{"type", "network"}});
  }
  nlohmann::json config = {
      {"ociVersion", "1.0.2"},
      {"process", process},
      {"root", {{"path", spec.rootfs.string()}, {"readonly", false}}},
      {"hostname", spec.hostname},
      {"mounts", mounts},
      {"linux",
       {{"namespaces", namespaces},
        {"maskedPaths",
         {"/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
          "/proc/sched_debug", "/proc/scsi", "/sys/firmware"}},
        {"readonlyPaths", {"/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"}}}},
  };
  if (!spec.cgroup_parent.empty()) {
    // docker run's layout (the container's cgroup right under the parent), so that the runtime's
    // delete leaves no directory of ours behind in the parent.
    config["linux"]["cgroupsPath"] = "/" + spec.cgroup_parent + "/" + std::string(container_id);
  }
  if (spec.privileged) internal::MakePrivileged(config);
  return config.dump(2);
}

util::Status CheckCgroupDelegated(const std::string& cgroup_parent) {
  std::string dir = "/sys/fs/cgroup/" + cgroup_parent;
  if (::access(dir.c_str(), W_OK) == 0) return {};
  return util::Fail(util::ErrorKind::kPermissionDenied,
                    "--cgroup-parent {} cannot be honoured in a rootless build: {} is not writable here (a "
                    "rootless build gets cgroups only where they are delegated to the user, e.g. systemd's "
                    "Delegate=yes; or build as root, or without --cgroup-parent)",
                    cgroup_parent, dir);
}

}  // namespace manifold::executor
