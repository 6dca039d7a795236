// DecideRuntime: forced runtimes, crun where it works, runc otherwise (a fake machine, no root).
#include "executor/runtime.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace manifold::executor {
namespace {

// A machine with some programs installed, some of which run containers.
struct FakeHost {
  std::map<std::string, std::string> installed;  // name → path
  std::map<std::string, RuntimeProbe> probes;     // path → what probing it finds
  std::set<std::string> executables;              // paths that are executable files
  std::vector<std::string> probed;

  RuntimeHost Host() {
    return RuntimeHost{
        [this](std::string_view name) -> std::optional<std::string> {
          auto it = installed.find(std::string(name));
          if (it == installed.end()) return std::nullopt;
          return it->second;
        },
        [this](const std::string& path) {
          probed.push_back(path);
          auto it = probes.find(path);
          return it == probes.end() ? RuntimeProbe{false, "no probe result"} : it->second;
        },
        [this](const std::string& path) { return executables.contains(path); },
    };
  }
};

constexpr const char* kHybrid = "cgroups in hybrid mode not supported, drop all controllers from cgroupv2";

TEST(DecideRuntimeTest, CrunWhenItRunsContainers) {
  FakeHost m{{{"crun", "/usr/bin/crun"}, {"runc", "/usr/sbin/runc"}}, {{"/usr/bin/crun", {true, ""}}}, {}, {}};
  auto r = DecideRuntime(std::nullopt, m.Host());
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(r->name, "crun");
  EXPECT_EQ(r->path, "/usr/bin/crun");
  EXPECT_EQ(r->Describe(), "crun (detected: crun runs containers here)");
  EXPECT_EQ(m.probed, std::vector<std::string>{"/usr/bin/crun"});
}

TEST(DecideRuntimeTest, RuncWhenCrunFailsHereWithCrunsReason) {
  FakeHost m{{{"crun", "/usr/bin/crun"}, {"runc", "/usr/sbin/runc"}}, {{"/usr/bin/crun", {false, kHybrid}}}, {}, {}};
  auto r = DecideRuntime(std::nullopt, m.Host());
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(r->name, "runc");
  EXPECT_EQ(r->path, "/usr/sbin/runc");
  EXPECT_EQ(r->Describe(), std::string("runc (crun fails here: ") + kHybrid + ")");
}

TEST(DecideRuntimeTest, RuncWhenCrunIsNotInstalledWithoutProbing) {
  FakeHost m{{{"runc", "/usr/sbin/runc"}}, {}, {}, {}};
  // An empty MANIFOLD_RUNTIME is the same as an unset one.
  for (std::optional<std::string_view> forced : {std::optional<std::string_view>(), std::optional<std::string_view>("")}) {
    auto r = DecideRuntime(forced, m.Host());
    ASSERT_TRUE(r) << r.error().What();
    EXPECT_EQ(r->Describe(), "runc (crun is not installed)");
  }
  EXPECT_TRUE(m.probed.empty());
}

TEST(DecideRuntimeTest, NoRuntimeAtAllSaysWhatIsMissing) {
  FakeHost m{{{"crun", "/usr/bin/crun"}}, {{"/usr/bin/crun", {false, kHybrid}}}, {}, {}};
  auto r = DecideRuntime(std::nullopt, m.Host());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), util::ErrorKind::kNotFound);
  EXPECT_NE(r.error().What().find("runc is not installed"), std::string::npos) << r.error().What();
  EXPECT_NE(r.error().What().find(kHybrid), std::string::npos) << r.error().What();
}

TEST(DecideRuntimeTest, ForcedByNameIsUsedWithoutProbing) {
  // Even a crun that fails here: the user asked for it, and its own error will say why.
  FakeHost m{{{"crun", "/usr/bin/crun"}, {"runc", "/usr/sbin/runc"}}, {{"/usr/bin/crun", {false, kHybrid}}}, {}, {}};
  for (const char* name : {"crun", "runc"}) {
    auto r = DecideRuntime(name, m.Host());
    ASSERT_TRUE(r) << r.error().What();
    EXPECT_EQ(r->name, name);
    EXPECT_EQ(r->path, m.installed[name]);
    EXPECT_EQ(r->reason, std::string("MANIFOLD_RUNTIME=") + name);
  }
  EXPECT_TRUE(m.probed.empty());
}

TEST(DecideRuntimeTest, ForcedPathMustBeAnExecutableFile) {
  FakeHost m{{{"runc", "/usr/sbin/runc"}}, {}, {"/opt/rt/my-runtime"}, {}};
  auto r = DecideRuntime("/opt/rt/my-runtime", m.Host());
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(r->Describe(), "my-runtime (MANIFOLD_RUNTIME=/opt/rt/my-runtime)");
  EXPECT_EQ(r->path, "/opt/rt/my-runtime");

  auto missing = DecideRuntime("/opt/rt/nothing-here", m.Host());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind(), util::ErrorKind::kNotFound);
  EXPECT_NE(missing.error().What().find("MANIFOLD_RUNTIME=/opt/rt/nothing-here"), std::string::npos)
      << missing.error().What();
}

TEST(DecideRuntimeTest, ForcedNameNotInstalledIsAnErrorNamingTheVariable) {
  FakeHost m{{{"runc", "/usr/sbin/runc"}}, {}, {}, {}};
  auto r = DecideRuntime("crun", m.Host());
  ASSERT_FALSE(r) << "no silent fallback to runc";
  EXPECT_EQ(r.error().kind(), util::ErrorKind::kNotFound);
  EXPECT_NE(r.error().What().find("MANIFOLD_RUNTIME=crun: crun is not installed"), std::string::npos)
      << r.error().What();
}

}  // namespace
}  // namespace manifold::executor
