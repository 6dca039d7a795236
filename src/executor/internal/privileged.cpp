// MakePrivileged: all capabilities and devices, nothing masked, for RUN --security=insecure.
#include "executor/internal/privileged.hpp"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace manifold::executor::internal {
namespace {

// capability.h's order: index = capability number.
constexpr const char* kAllCapabilities[] = {
    "CAP_CHOWN",        "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",       "CAP_FSETID",
    "CAP_KILL",         "CAP_SETGID",       "CAP_SETUID",          "CAP_SETPCAP",      "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",  "CAP_NET_RAW",      "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",    "CAP_SYS_MODULE",   "CAP_SYS_RAWIO",       "CAP_SYS_CHROOT",   "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",    "CAP_SYS_ADMIN",    "CAP_SYS_BOOT",        "CAP_SYS_NICE",     "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",     "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",         "CAP_LEASE",        "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL", "CAP_SETFCAP",     "CAP_MAC_OVERRIDE",    "CAP_MAC_ADMIN",    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",   "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",     "CAP_PERFMON",      "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
};
constexpr int kKnownCapabilities = static_cast<int>(std::size(kAllCapabilities));

// The kernel's capabilities that we hold (CapPrm): a runtime cannot give the container one we
// lack (capset fails), and some machines run us without a few (this VM: no CAP_SYS_RESOURCE).
std::vector<const char*> HeldCapabilities() {
  int kernel = kKnownCapabilities;
  if (std::ifstream last("/proc/sys/kernel/cap_last_cap"); last >> kernel) kernel = std::min(kernel + 1, kKnownCapabilities);
  uint64_t held = ~uint64_t{0};
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("CapPrm:")) held = std::strtoull(line.c_str() + 7, nullptr, 16);
  }
  std::vector<const char*> caps;
  for (int i = 0; i < kernel; ++i) {
    if (held & (uint64_t{1} << i)) caps.push_back(kAllCapabilities[i]);
  }
  return caps;
}

// BuildKit's list of the devices an insecure step gets; loop devices are those the host has.
void AddHostDevices(nlohmann::json& devices) {
  std::vector<std::string> paths = {"/dev/kmsg", "/dev/cuse", "/dev/fuse", "/dev/kvm", "/dev/net/tun",
                                    "/dev/loop-control"};
  for (int i = 0; i < 64; ++i) paths.push_back(fmt::format("/dev/loop{}", i));
  for (const auto& path : paths) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !(S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))) continue;
    devices.push_back({{"path", path},
                       {"type", S_ISCHR(st.st_mode) ? "c" : "b"},
                       {"major", major(st.st_rdev)},
                       {"minor", minor(st.st_rdev)},
                       {"fileMode", st.st_mode & 07777},
                       {"uid", 0},
                       {"gid", 0}});
  }
}

}  // namespace

void MakePrivileged(nlohmann::json& config) {
  nlohmann::json caps = nlohmann::json::array();
  for (const char* cap : HeldCapabilities()) caps.push_back(cap);
  auto& process = config["process"];
  for (const char* set : {"bounding", "effective", "permitted", "inheritable", "ambient"}) {
    process["capabilities"][set] = caps;
  }
  process["noNewPrivileges"] = false;
  for (auto& mount : config["mounts"]) {
    if (mount["destination"] != "/sys") continue;
    mount["options"] = {"nosuid", "noexec", "nodev", "rw"};
    // Rootless with the host network, /sys is the host's bound (RuntimeConfig): still a bind.
    if (mount["type"] == "bind") mount["options"].insert(mount["options"].begin(), "rbind");
  }
  auto& linux_section = config["linux"];
  linux_section["maskedPaths"] = nlohmann::json::array();
  linux_section["readonlyPaths"] = nlohmann::json::array();
  linux_section["resources"]["devices"] = {{{"allow", true}, {"access", "rwm"}}};
  linux_section["devices"] = nlohmann::json::array();
  AddHostDevices(linux_section["devices"]);
}

}  // namespace manifold::executor::internal
