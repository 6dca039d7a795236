// RunEnvironment: buildx's flag syntax, and how lowering puts it (and the entitlements) on RUN ops.
#include "frontend/dockerfile/run_environment.hpp"

#include <gtest/gtest.h>

#include "frontend/dockerfile/lower.hpp"
#include "frontend/dockerfile/parser.hpp"

namespace manifold::frontend::dockerfile {
namespace {

using Network = graph::ExecOp::Network;

// One flag set, the others left empty (designated initializers would have to name every field).
RunEnvironmentFlags NetworkFlag(std::string v) { RunEnvironmentFlags f; f.network = std::move(v); return f; }
RunEnvironmentFlags AddHosts(std::vector<std::string> v) { RunEnvironmentFlags f; f.add_hosts = std::move(v); return f; }
RunEnvironmentFlags Ulimits(std::vector<std::string> v) { RunEnvironmentFlags f; f.ulimits = std::move(v); return f; }
RunEnvironmentFlags ShmSize(std::string v) { RunEnvironmentFlags f; f.shm_size = std::move(v); return f; }
RunEnvironmentFlags CgroupParent(std::string v) { RunEnvironmentFlags f; f.cgroup_parent = std::move(v); return f; }
RunEnvironmentFlags Allow(std::vector<std::string> v) { RunEnvironmentFlags f; f.allow = std::move(v); return f; }

RunEnvironment MustParse(const RunEnvironmentFlags& flags) {
  auto env = ParseRunEnvironment(flags);
  EXPECT_TRUE(env) << (env ? "" : env.error().What());
  return env ? *env : RunEnvironment{};
}

// ParseRunEnvironment(flags) fails with a message containing `needle`.
void ExpectRefused(const RunEnvironmentFlags& flags, const std::string& needle) {
  auto env = ParseRunEnvironment(flags);
  ASSERT_FALSE(env) << "accepted; expected an error with " << needle;
  EXPECT_EQ(env.error().kind(), util::ErrorKind::kInvalidArgument);
  EXPECT_NE(env.error().What().find(needle), std::string::npos) << env.error().What();
}

TEST(RunEnvironmentFlags, NetworkAndTheEntitlementHostImplies) {
  EXPECT_EQ(MustParse({}).network, Network::kDefault);
  EXPECT_EQ(MustParse(NetworkFlag("default")).network, Network::kDefault);
  EXPECT_EQ(MustParse(NetworkFlag("none")).network, Network::kNone);
  EXPECT_FALSE(MustParse(NetworkFlag("none")).allow_network_host);
  RunEnvironment host = MustParse(NetworkFlag("host"));
  EXPECT_EQ(host.network, Network::kHost);
  EXPECT_TRUE(host.allow_network_host);  // buildx grants network.host with --network host
  ExpectRefused(NetworkFlag("bridge"), "--network \"bridge\": use default, none or host");
}

TEST(RunEnvironmentFlags, AddHostForms) {
  RunEnvironmentFlags flags;
  flags.add_hosts = {"db:10.0.0.2", "Cache=192.168.1.1", "v6=::1", "v6b:::2", "br=[2001:DB8:0:0::7]", "four=[1.2.3.4]"};
  auto hosts = MustParse(flags).extra_hosts;
  ASSERT_EQ(hosts.size(), 6u);
  EXPECT_EQ(hosts[0].host, "db");
  EXPECT_EQ(hosts[0].ip, "10.0.0.2");
  EXPECT_EQ(hosts[1].host, "cache");  // lower-cased, as BuildKit keeps names
  EXPECT_EQ(hosts[2].ip, "::1");
  EXPECT_EQ(hosts[3].host, "v6b");  // NAME:IP cuts at the first colon
  EXPECT_EQ(hosts[3].ip, "::2");
  EXPECT_EQ(hosts[4].ip, "2001:db8::7");  // canonical form
  EXPECT_EQ(hosts[5].ip, "1.2.3.4");
  for (const char* bad : {"nohost", ":1.2.3.4", "name:", "name=300.1.1.1", "name=example.org", "a b=1.2.3.4"}) {
    ExpectRefused(AddHosts({bad}), "--add-host");
  }
  ExpectRefused(AddHosts({"host.docker.internal:host-gateway"}), "no host gateway");
}

TEST(RunEnvironmentFlags, Ulimits) {
  RunEnvironmentFlags flags;
  flags.ulimits = {"nproc=100", "nofile=123:456", "core=-1", "nofile=10:20"};
  auto limits = MustParse(flags).ulimits;
  ASSERT_EQ(limits.size(), 3u);  // sorted by name, the last nofile wins
  EXPECT_EQ(limits[0].name, "core");
  EXPECT_EQ(limits[0].soft, -1);
  EXPECT_EQ(limits[0].hard, -1);
  EXPECT_EQ(limits[1].name, "nofile");
  EXPECT_EQ(limits[1].soft, 10);
  EXPECT_EQ(limits[1].hard, 20);
  EXPECT_EQ(limits[2].name, "nproc");
  EXPECT_EQ(limits[2].hard, 100);  // HARD defaults to SOFT
  EXPECT_EQ(MustParse(Ulimits({"stack=8192:-1"})).ulimits[0].hard, -1);
  ExpectRefused(Ulimits({"files=10"}), "unknown limit \"files\"");
  ExpectRefused(Ulimits({"NOFILE=10"}), "unknown limit");
  ExpectRefused(Ulimits({"nofile"}), "expected NAME=SOFT[:HARD]");
  ExpectRefused(Ulimits({"nofile=20:10"}), "soft limit is above the hard limit");
  ExpectRefused(Ulimits({"nofile=-1:10"}), "soft limit is above the hard limit");
  ExpectRefused(Ulimits({"nofile=1:2:3"}), "is not a limit");
  ExpectRefused(Ulimits({"nofile=x"}), "is not a limit");
  ExpectRefused(Ulimits({"nofile=-2"}), "is not a limit");
}

TEST(RunEnvironmentFlags, ShmSizeAsDockersRamInBytes) {
  EXPECT_EQ(MustParse(ShmSize("16m")).shm_size, 16u << 20);
  EXPECT_EQ(MustParse(ShmSize("1048576")).shm_size, 1u << 20);
  EXPECT_EQ(MustParse(ShmSize("1.5GiB")).shm_size, 3ull << 29);
  EXPECT_EQ(MustParse(ShmSize("64 MB")).shm_size, 64u << 20);
  EXPECT_EQ(MustParse(ShmSize("2k")).shm_size, 2048u);
  EXPECT_EQ(MustParse({}).shm_size, 0u);
  for (const char* bad : {"m", "-1m", "12x", "1.2.3m", "1..2", ".5m", "16mm", "99999999999p"}) {
    ExpectRefused(ShmSize(bad), "--shm-size");
  }
}

TEST(RunEnvironmentFlags, CgroupParentAndAllow) {
  EXPECT_EQ(MustParse(CgroupParent("/ci//builds/")).cgroup_parent, "ci/builds");
  ExpectRefused(CgroupParent("system.slice:manifold:"), "systemd cgroup driver");
  ExpectRefused(CgroupParent("a/../../b"), "'..'");
  ExpectRefused(CgroupParent("//"), "expected a cgroup path");
  RunEnvironment both = MustParse(Allow({"network.host,security.insecure"}));
  EXPECT_TRUE(both.allow_network_host && both.allow_security_insecure);
  RunEnvironment repeated = MustParse(Allow({"security.insecure", ""}));
  EXPECT_TRUE(repeated.allow_security_insecure);
  EXPECT_FALSE(repeated.allow_network_host);
  ExpectRefused(Allow({"network.host,device"}), "unknown entitlement \"device\"");
}

const image::Platform kAmd64{"linux", "amd64", "", "", {}};

util::Result<std::vector<PlatformBuild>> LowerWith(const std::string& text, RunEnvironment env) {
  auto parsed = Parse(text, "Dockerfile");
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  LowerOptions options;
  options.targets = {kAmd64};
  options.build_platform = kAmd64;
  options.run_env = std::move(env);
  return Lower(*parsed, options);
}

// The exec ops of the build's RUN steps, from the top down.
std::vector<graph::ExecOp> Execs(const std::string& text, RunEnvironment env) {
  auto builds = LowerWith(text, std::move(env));
  EXPECT_TRUE(builds) << (builds ? "" : builds.error().What());
  std::vector<graph::ExecOp> out;
  if (!builds) return out;
  for (graph::VertexRef v = builds->at(0).root; v; v = v->inputs().empty() ? nullptr : v->inputs()[0]) {
    if (const auto* e = std::get_if<graph::ExecOp>(&v->op())) out.push_back(*e);
  }
  return out;
}

TEST(RunEnvironmentLowering, CommandLineNetworkIsTheDefaultAndRunsOwnWins) {
  const std::string text =
      "FROM scratch\nRUN a\nRUN --network=default b\nRUN --network=none c\nRUN --network=host d\n";
  auto execs = Execs(text, MustParse(NetworkFlag("host")));
  ASSERT_EQ(execs.size(), 4u);
  EXPECT_EQ(execs[3].network, Network::kHost);  // RUN a
  EXPECT_EQ(execs[2].network, Network::kHost);  // =default keeps the command line's
  EXPECT_EQ(execs[1].network, Network::kNone);
  EXPECT_EQ(execs[0].network, Network::kHost);
  execs = Execs("FROM scratch\nRUN a\nRUN --network=default b\n", MustParse(NetworkFlag("none")));
  ASSERT_EQ(execs.size(), 2u);
  EXPECT_EQ(execs[0].network, Network::kNone);
  EXPECT_EQ(execs[1].network, Network::kNone);
  execs = Execs("FROM scratch\nRUN a\n", {});
  EXPECT_EQ(execs.at(0).network, Network::kDefault);
}

TEST(RunEnvironmentLowering, EntitlementsAreCheckedOnTheRunThatNeedsThem) {
  auto host = LowerWith("FROM scratch\nRUN true\nRUN --network=host wget x\n", MustParse(NetworkFlag("none")));
  ASSERT_FALSE(host);
  EXPECT_EQ(host.error().kind(), util::ErrorKind::kPermissionDenied);
  EXPECT_NE(host.error().Describe().find("Dockerfile:3"), std::string::npos) << host.error().Describe();
  EXPECT_NE(host.error().Describe().find("--allow network.host"), std::string::npos) << host.error().Describe();
  auto insecure = LowerWith("FROM scratch\nRUN --security=insecure mount -t tmpfs t /mnt\n", {});
  ASSERT_FALSE(insecure);
  EXPECT_NE(insecure.error().Describe().find("Dockerfile:2"), std::string::npos) << insecure.error().Describe();
  EXPECT_NE(insecure.error().Describe().find("--allow security.insecure"), std::string::npos);
  // A stage the target does not need is not checked (BuildKit checks the ops it would run).
  EXPECT_TRUE(LowerWith("FROM scratch AS unused\nRUN --security=insecure x\nFROM scratch\nRUN y\n", {}));
  auto execs = Execs("FROM scratch\nRUN --security=insecure a\nRUN --security=sandbox --network=host b\n",
                     MustParse(Allow({"security.insecure,network.host"})));
  ASSERT_EQ(execs.size(), 2u);
  EXPECT_EQ(execs[1].security, graph::ExecOp::Security::kInsecure);
  EXPECT_EQ(execs[0].security, graph::ExecOp::Security::kSandbox);
  auto bad = LowerWith("FROM scratch\nRUN --security=root a\n", {});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().Describe().find("--security must be sandbox or insecure"), std::string::npos);
}

TEST(RunEnvironmentLowering, HostsLimitsCgroupAndShmReachEveryRun) {
  RunEnvironmentFlags flags;
  flags.add_hosts = {"db:10.0.0.2"};
  flags.ulimits = {"nofile=123:456"};
  flags.shm_size = "16m";
  flags.cgroup_parent = "ci";
  auto execs = Execs("FROM scratch\nRUN a\nRUN --mount=type=tmpfs,target=/dev/shm,size=1m b\n", MustParse(flags));
  ASSERT_EQ(execs.size(), 2u);
  for (const auto& e : execs) {
    ASSERT_EQ(e.extra_hosts.size(), 1u);
    EXPECT_EQ(e.extra_hosts[0].host, "db");
    ASSERT_EQ(e.ulimits.size(), 1u);
    EXPECT_EQ(e.ulimits[0].soft, 123);
    EXPECT_EQ(e.cgroup_parent, "ci");
    ASSERT_EQ(e.mounts.size(), 1u);
    EXPECT_EQ(e.mounts[0].target, "/dev/shm");
    EXPECT_EQ(e.mounts[0].type, graph::ExecMount::Type::kTmpfs);
  }
  EXPECT_EQ(execs[1].mounts[0].size, 16u << 20);
  EXPECT_EQ(execs[0].mounts[0].size, 1u << 20);  // the RUN's own /dev/shm is kept
}

}  // namespace
}  // namespace manifold::frontend::dockerfile
