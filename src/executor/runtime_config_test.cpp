// RuntimeConfig and HostsFile: what the RUN environment settings put into a container's bundle.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "executor/container.hpp"

namespace manifold::executor {
namespace {

using nlohmann::json;

ContainerSpec Spec() {
  ContainerSpec spec;
  spec.rootfs = "/rootfs";
  spec.args = {"/bin/sh"};
  return spec;
}

json Config(const ContainerSpec& spec) { return json::parse(RuntimeConfig(spec, "/bundle/hosts", "manifold-1-ab")); }

const json& MountAt(const json& config, const std::string& destination) {
  for (const auto& m : config["mounts"]) {
    if (m["destination"] == destination) return m;
  }
  static const json none;
  return none;
}

TEST(HostsFile, ExtraHostsFollowTheStandardLines) {
  ContainerSpec spec = Spec();
  EXPECT_EQ(HostsFile(spec), "127.0.0.1\tlocalhost buildkitsandbox\n::1\tlocalhost ip6-localhost ip6-loopback\n");
  spec.extra_hosts = {{"db", "10.0.0.2"}, {"v6", "2001:db8::1"}};
  EXPECT_EQ(HostsFile(spec),
            "127.0.0.1\tlocalhost buildkitsandbox\n::1\tlocalhost ip6-localhost ip6-loopback\n"
            "10.0.0.2\tdb\n2001:db8::1\tv6\n");
}

TEST(RuntimeConfig, SandboxDefaultsHaveNoLimitsNoCgroupPath) {
  json config = Config(Spec());
  EXPECT_FALSE(config["process"].contains("rlimits"));
  EXPECT_FALSE(config["linux"].contains("cgroupsPath"));
  EXPECT_FALSE(config["linux"].contains("devices"));
  EXPECT_TRUE(config["process"]["noNewPrivileges"].get<bool>());
  EXPECT_EQ(config["process"]["capabilities"]["effective"].size(), 14u);
  EXPECT_FALSE(config["process"]["capabilities"].contains("ambient"));
  EXPECT_NE(std::find(MountAt(config, "/sys")["options"].begin(), MountAt(config, "/sys")["options"].end(), "ro"),
            MountAt(config, "/sys")["options"].end());
  EXPECT_FALSE(config["linux"]["maskedPaths"].empty());
}

TEST(RuntimeConfig, RlimitsAndCgroupParent) {
  ContainerSpec spec = Spec();
  spec.rlimits = {{"RLIMIT_NOFILE", 123, 456}, {"RLIMIT_CORE", UINT64_MAX, UINT64_MAX}};
  spec.cgroup_parent = "ci/builds";
  json config = Config(spec);
  ASSERT_EQ(config["process"]["rlimits"].size(), 2u);
  EXPECT_EQ(config["process"]["rlimits"][0], json({{"type", "RLIMIT_NOFILE"}, {"soft", 123}, {"hard", 456}}));
  EXPECT_EQ(config["process"]["rlimits"][1]["hard"].get<uint64_t>(), UINT64_MAX);
  EXPECT_EQ(config["linux"]["cgroupsPath"], "/ci/builds/manifold-1-ab");
}

TEST(RuntimeConfig, PrivilegedLiftsTheSandbox) {
  ContainerSpec spec = Spec();
  spec.privileged = true;
  json config = Config(spec);
  // Every capability of the kernel that this process holds: CapPrm's bits below cap_last_cap.
  int last = 40;
  std::ifstream("/proc/sys/kernel/cap_last_cap") >> last;
  uint64_t held = 0;
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("CapPrm:")) held = std::stoull(line.substr(7), nullptr, 16);
  }
  size_t expected = 0;
  for (int i = 0; i <= std::min(last, 40); ++i) expected += (held >> i) & 1;
  for (const char* set : {"bounding", "effective", "permitted", "inheritable", "ambient"}) {
    EXPECT_EQ(config["process"]["capabilities"][set].size(), expected) << set;
  }
  if (held & (uint64_t{1} << 21)) {
    EXPECT_NE(std::find(config["process"]["capabilities"]["effective"].begin(),
                        config["process"]["capabilities"]["effective"].end(), "CAP_SYS_ADMIN"),
              config["process"]["capabilities"]["effective"].end());
  }
  EXPECT_FALSE(config["process"]["noNewPrivileges"].get<bool>());
  EXPECT_EQ(MountAt(config, "/sys")["options"], json({"nosuid", "noexec", "nodev", "rw"}));
  EXPECT_TRUE(config["linux"]["maskedPaths"].empty());
  EXPECT_TRUE(config["linux"]["readonlyPaths"].empty());
  EXPECT_EQ(config["linux"]["resources"]["devices"], json::parse(R"([{"allow":true,"access":"rwm"}])"));
  for (const auto& d : config["linux"]["devices"]) {
    EXPECT_TRUE(d["path"].get<std::string>().starts_with("/dev/")) << d.dump();
  }
}

TEST(RuntimeConfig, RootlessBindsTheHostsSysWithTheHostNetwork) {
  ContainerSpec spec = Spec();
  json root = Config(spec);
  EXPECT_EQ(MountAt(root, "/sys")["type"], "sysfs");
  json rootless = json::parse(RuntimeConfig(spec, "/bundle/hosts", "manifold-1-ab", true));
  EXPECT_EQ(MountAt(rootless, "/sys")["type"], "bind");
  EXPECT_EQ(MountAt(rootless, "/sys")["source"], "/sys");
  auto options = MountAt(rootless, "/sys")["options"].get<std::vector<std::string>>();
  for (const char* o : {"rbind", "ro", "nosuid", "noexec", "nodev"}) {
    EXPECT_NE(std::find(options.begin(), options.end(), o), options.end()) << o;
  }
  // A network namespace of its own (--network=none) is ours: sysfs mounts there.
  spec.network = Network::kNone;
  rootless = json::parse(RuntimeConfig(spec, "/bundle/hosts", "manifold-1-ab", true));
  EXPECT_EQ(MountAt(rootless, "/sys")["type"], "sysfs");
}

// The network namespaces of each mode: none of its own for the host's, a new one for none,
// the given one (slirp4netns's) for the default when there is one, with its resolv.conf.
TEST(RuntimeConfig, NetworkModesAndAJoinedNamespace) {
  auto network_ns = [](const json& config) -> json {
    for (const auto& ns : config["linux"]["namespaces"]) {
      if (ns["type"] == "network") return ns;
    }
    return nullptr;
  };
  ContainerSpec spec = Spec();
  spec.network = Network::kHost;
  EXPECT_TRUE(network_ns(Config(spec)).is_null());
  spec.network = Network::kDefault;
  json plain = json::parse(RuntimeConfig(spec, "/bundle/hosts", "manifold-1-ab", true));
  EXPECT_TRUE(network_ns(plain).is_null());  // no slirp4netns: the host's
  EXPECT_EQ(MountAt(plain, "/sys")["type"], "bind");
  EXPECT_EQ(MountAt(plain, "/etc/resolv.conf")["source"], "/etc/resolv.conf");
  const JoinedNetwork joined{"/proc/4242/ns/net", "/bundle/resolv.conf"};
  json slirp = json::parse(RuntimeConfig(spec, "/bundle/hosts", "manifold-1-ab", true, &joined));
  EXPECT_EQ(network_ns(slirp), (json{{"type", "network"}, {"path", "/proc/4242/ns/net"}}));
  EXPECT_EQ(MountAt(slirp, "/sys")["type"], "sysfs");  // the joined namespace is ours
  EXPECT_EQ(MountAt(slirp, "/etc/resolv.conf")["source"], "/bundle/resolv.conf");
  spec.network = Network::kNone;
  EXPECT_EQ(network_ns(Config(spec)), (json{{"type", "network"}}));
}

TEST(RuntimeConfig, RootlessPrivilegedKeepsTheSysBind) {
  ContainerSpec spec = Spec();
  spec.privileged = true;
  json rootless = json::parse(RuntimeConfig(spec, "/bundle/hosts", "manifold-1-ab", true));
  EXPECT_EQ(MountAt(rootless, "/sys")["type"], "bind");
  auto options = MountAt(rootless, "/sys")["options"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(options.begin(), options.end(), "rbind"), options.end());
  EXPECT_NE(std::find(options.begin(), options.end(), "rw"), options.end());
  EXPECT_EQ(std::find(options.begin(), options.end(), "ro"), options.end());
}

TEST(CheckCgroupDelegated, NamesTheFlagAndTheDirectory) {
  auto checked = CheckCgroupDelegated("no-such-parent-of-manifold/x");
  ASSERT_FALSE(checked);
  EXPECT_NE(checked.error().What().find("--cgroup-parent no-such-parent-of-manifold/x"), std::string::npos);
  EXPECT_NE(checked.error().What().find("/sys/fs/cgroup/no-such-parent-of-manifold/x"), std::string::npos);
}

}  // namespace
}  // namespace manifold::executor
