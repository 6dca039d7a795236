// CacheKey: which parts of an exec op change a step's key (BuildKit's exec cache map), and that
// a step without RUN environment settings keeps the key earlier manifolds stored it under.
#include "solver/cache_key.hpp"

#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "graph/op_json.hpp"
#include "util/sha256.hpp"

namespace manifold::solver {
namespace {

graph::ExecOp MakeRun() {
  graph::ExecOp e;
  e.args = {"/bin/sh", "-c", "make"};
  e.platform = {"linux", "amd64", "", "", {}};
  return e;
}

std::string Key(const graph::ExecOp& e) {
  return CacheKey(*graph::Vertex::Make(e, {nullptr}, "run"), {"sha256:base"}, "");
}

TEST(CacheKey, AStepWithoutTheSettingsKeepsItsFormerKey) {
  // The formula of manifold before RUN environment settings: the op's JSON without "network".
  graph::ExecOp e = MakeRun();
  nlohmann::json op = graph::OpToJson(e);
  op.erase("network");
  nlohmann::json former = {{"v", 1}, {"op", op}, {"inputs", {"sha256:base"}}, {"content", ""}};
  EXPECT_EQ(Key(e), "sha256:" + util::Sha256::Hex(former.dump()));
}

TEST(CacheKey, NetworkAndSecurityModesArePartOfIt) {
  graph::ExecOp none = MakeRun(), host = MakeRun(), insecure = MakeRun();
  none.network = graph::ExecOp::Network::kNone;
  host.network = graph::ExecOp::Network::kHost;
  insecure.security = graph::ExecOp::Security::kInsecure;
  std::set<std::string> keys = {Key(MakeRun()), Key(none), Key(host), Key(insecure)};
  EXPECT_EQ(keys.size(), 4u);
}

TEST(CacheKey, ExtraHostsByNameNotByAddress) {
  graph::ExecOp a = MakeRun(), moved = MakeRun(), renamed = MakeRun();
  a.extra_hosts = {{"db", "10.0.0.2"}};
  moved.extra_hosts = {{"db", "10.0.0.3"}};
  renamed.extra_hosts = {{"cache", "10.0.0.2"}};
  EXPECT_EQ(Key(a), Key(moved));
  EXPECT_NE(Key(a), Key(renamed));
  EXPECT_NE(Key(a), Key(MakeRun()));
  // The vertex digest still tells them apart: the step runs with the address it was given.
  EXPECT_NE(graph::Vertex::Make(a, {nullptr}, "run")->digest(), graph::Vertex::Make(moved, {nullptr}, "run")->digest());
}

TEST(CacheKey, UlimitsCgroupParentAndShmSizeArePartOfIt) {
  graph::ExecOp limits = MakeRun(), other_limits = MakeRun(), cgroup = MakeRun(), shm = MakeRun(), other_shm = MakeRun();
  limits.ulimits = {{"nofile", 123, 456}};
  other_limits.ulimits = {{"nofile", 123, 457}};
  cgroup.cgroup_parent = "ci";
  graph::ExecMount tmpfs;
  tmpfs.type = graph::ExecMount::Type::kTmpfs;
  tmpfs.target = "/dev/shm";
  tmpfs.readonly = false;
  tmpfs.size = 16 << 20;
  shm.mounts = {tmpfs};
  tmpfs.size = 32 << 20;
  other_shm.mounts = {tmpfs};
  std::set<std::string> keys = {Key(MakeRun()), Key(limits), Key(other_limits), Key(cgroup), Key(shm), Key(other_shm)};
  EXPECT_EQ(keys.size(), 6u);
}

}  // namespace
}  // namespace manifold::solver
