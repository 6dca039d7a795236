// Tests of bake's entitlements, from buildx's entitlements_test.go cases (TestValidateEntitlements,
// TestGroupSamePaths) and Prompt's wording.
#include "bake/entitlements.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "bake/internal/test_config.hpp"
#include "support/temp_dir.hpp"

namespace manifold::bake {
namespace {

namespace fs = std::filesystem;
using internal::FakeEnv;
using internal::MakeTarget;
using internal::Strings;

struct Dirs {
  testing::TempDir tmp;
  fs::path wd, dir1, dir2;
  Dirs() {
    const fs::path root = fs::canonical(tmp.path());
    wd = root / "wd";
    dir1 = root / "dir1";
    dir2 = root / "dir2";
    for (const auto& d : {wd, dir1, dir2}) fs::create_directories(d);
  }
  Entitlements Granted(Strings allow = {}) const {
    auto granted = ParseEntitlements(allow);
    EXPECT_TRUE(granted);
    granted->fs_read.push_back(wd.string());
    granted->fs_write.push_back(wd.string());
    return *granted;
  }
};

Entitlements Missing(const std::vector<Target>& targets, const Entitlements& granted) {
  auto missing = MissingEntitlements(targets, granted);
  EXPECT_TRUE(missing) << missing.error().What();
  return missing ? *missing : Entitlements{};
}

Target InWd(const Dirs& d, std::string name = "app") {
  Target t = MakeTarget(std::move(name));
  t.context = d.wd.string();
  return t;
}

TEST(EntitlementsTest, ParsesBuildxKeysAndRefusesUnknownOnes) {
  auto e = ParseEntitlements({"network.host", "security.insecure", "ssh", "device=nvidia.com/gpu=all", "fs.read=/a",
                              "fs.write=/b", "fs=/c", "image=r/x", "fs=*"});
  ASSERT_TRUE(e) << e.error().What();
  EXPECT_TRUE(e->network_host && e->security_insecure && e->ssh);
  EXPECT_EQ(e->devices, (Strings{"nvidia.com/gpu=all"}));
  EXPECT_EQ(e->fs_read, (Strings{"/a", "/c", "*"}));
  EXPECT_EQ(e->fs_write, (Strings{"/b", "/c", "*"}));
  EXPECT_EQ(e->image_push, (Strings{"r/x"}));
  EXPECT_EQ(e->image_load, (Strings{"r/x"}));
  auto bad = ParseEntitlements({"fs.exec=/x"});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().What().find("unknown entitlement key \"fs.exec\""), std::string::npos) << bad.error().What();
}

TEST(EntitlementsTest, NetworkAndSecurityNeedTheirFlag) {
  Dirs d;
  Target t = InWd(d);
  t.entitlements = Strings{"network.host", "security.insecure"};
  Entitlements missing = Missing({t}, d.Granted());
  EXPECT_TRUE(missing.network_host);
  EXPECT_TRUE(missing.security_insecure);
  missing = Missing({t}, d.Granted({"network.host"}));
  EXPECT_FALSE(missing.network_host);
  EXPECT_TRUE(missing.security_insecure);
  EXPECT_TRUE(Missing({t}, d.Granted({"network.host", "security.insecure"})).empty());
}

TEST(EntitlementsTest, TheDefaultSshAgentNeedsSshPathsNeedRead) {
  Dirs d;
  Target t = InWd(d);
  t.ssh = Strings{"default"};
  EXPECT_TRUE(Missing({t}, d.Granted()).ssh);
  EXPECT_FALSE(Missing({t}, d.Granted({"ssh"})).ssh);
  t.ssh = Strings{"key=" + (d.dir1 / "id").string()};
  Entitlements missing = Missing({t}, d.Granted());
  EXPECT_FALSE(missing.ssh);
  EXPECT_EQ(missing.fs_read, (Strings{d.dir1.string()}));  // id does not exist: its directory
}

TEST(EntitlementsTest, OutputsOutsideTheWorkingDirectoryNeedWrite) {
  Dirs d;
  Target t = InWd(d);
  t.outputs = Strings{"type=local,dest=" + d.dir1.string(), "type=tar,dest=" + (d.wd / "out.tar").string(),
                      "type=registry", "type=oci,dest=-"};
  t.cache_to = Strings{"type=local,dest=" + d.dir2.string()};
  Entitlements missing = Missing({t}, d.Granted());
  EXPECT_EQ(missing.fs_write, (Strings{d.dir1.string(), d.dir2.string()}));
  EXPECT_TRUE(missing.fs_read.empty());
  EXPECT_TRUE(Missing({t}, d.Granted({"fs.write=" + d.dir1.string(), "fs=" + d.dir2.string()})).empty());
  EXPECT_TRUE(Missing({t}, d.Granted({"fs.write=*"})).empty());
}

TEST(EntitlementsTest, ReadsFollowSymlinksOutOfTheWorkingDirectory) {
  Dirs d;
  std::ofstream(d.dir1 / "secret.txt") << "s";
  fs::create_directory_symlink(d.dir1, d.wd / "link");
  Target t = InWd(d);
  t.secrets = Strings{"id=s,src=" + (d.wd / "link" / "secret.txt").string()};
  EXPECT_EQ(Missing({t}, d.Granted()).fs_read, (Strings{(d.dir1 / "secret.txt").string()}));
  EXPECT_TRUE(Missing({t}, d.Granted({"fs.read=/"})).empty());
  EXPECT_TRUE(Missing({t}, d.Granted({"fs.read=*"})).empty());
  // A file under the working directory itself needs nothing.
  std::ofstream(d.wd / "sub.txt") << "s";
  t.secrets = Strings{"id=s,src=" + (d.wd / "sub.txt").string()};
  EXPECT_TRUE(Missing({t}, d.Granted()).empty());
}

TEST(EntitlementsTest, ContextsDockerfilesAndNamedContextsAreReads) {
  Dirs d;
  Target t = MakeTarget("app");
  t.context = d.dir1.string();
  t.dockerfile = "cwd://" + (d.dir2 / "Dockerfile").string();
  t.contexts = std::map<std::string, std::string>{{"img", "docker-image://alpine"},
                                                  {"other", "target:base"},
                                                  {"git", "https://github.com/o/r.git"},
                                                  {"layout", "oci-layout://" + (d.wd / "layout") .string() + ":v1"}};
  Entitlements missing = Missing({t}, d.Granted());
  EXPECT_EQ(missing.fs_read, (Strings{d.dir1.string(), d.dir2.string()}));
  Target remote = MakeTarget("remote");
  remote.context = "https://github.com/o/r.git#main";
  EXPECT_TRUE(Missing({remote}, d.Granted()).empty());
}

TEST(EntitlementsTest, ANonExistingPathNeedsItsExistingParent) {
  Dirs d;
  Target t = InWd(d);
  t.outputs = Strings{"type=local,dest=" + d.dir1.string()};
  // NonExistingAllowedPathSubpath: only a path below dir1 was allowed.
  EXPECT_EQ(Missing({t}, d.Granted({"fs.write=" + (d.dir1 / "not/exists").string()})).fs_write,
            (Strings{d.dir1.string()}));
  // NonExistingAllowedPathMatches: the build writes not/exists, so it needs dir1.
  t.outputs = Strings{"type=local,dest=" + (d.dir1 / "not/exists").string()};
  EXPECT_EQ(Missing({t}, d.Granted({"fs.write=" + (d.dir1 / "not/exists").string()})).fs_write,
            (Strings{d.dir1.string()}));
  // NonExistingBuildPath: dir1 allowed covers it.
  EXPECT_TRUE(Missing({t}, d.Granted({"fs.write=" + d.dir1.string()})).empty());
}

TEST(EntitlementsTest, SetValuesGrantWhatTheyName) {
  Entitlements granted;
  GrantSetValues({"*.output=type=local,dest=/out", "app.output+=./bare", "app.cache-to=type=local,dest=/cache",
                  "app.cache-from=type=local,src=/cache-in", "app.ssh=key=/home/u/.ssh/id,/k2",
                  "app.secrets=id=a,src=/run/a", "app.entitlements=network.host", "app.tags=x"},
                 granted);
  EXPECT_EQ(granted.fs_write, (Strings{"/out", "./bare", "/cache"}));
  EXPECT_EQ(granted.fs_read, (Strings{"/cache-in", "/home/u/.ssh/id", "/k2", "/run/a"}));
  EXPECT_TRUE(granted.network_host);
  EXPECT_FALSE(granted.security_insecure);
}

TEST(EntitlementsTest, DecisionTellsTheFlagsAndHonoursTheSwitches) {
  Entitlements missing;
  missing.network_host = true;
  missing.fs_read = {"/etc", "/work/shared"};
  missing.fs_write = {"/work/shared"};
  const Strings argv{"manifold", "bake", "-f", "x.hcl", "app"};
  auto d = DecideEntitlements(missing, false, "/work/wd", argv, FakeEnv());
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->allowed);
  EXPECT_NE(d->message.find(" - Running build containers that can access host network\n"
                            " - Read and write access to path ../shared\n"
                            " - Read access to path /etc\n"),
            std::string::npos)
      << d->message;
  EXPECT_NE(d->message.find("manifold bake --allow=network.host --allow=fs=../shared --allow=fs.read=/etc -f x.hcl app"),
            std::string::npos)
      << d->message;
  EXPECT_NE(d->message.find("BUILDX_BAKE_ENTITLEMENTS_FS=0"), std::string::npos);

  // Filesystem checks off: the fs entries alone no longer stop the build, the others still do.
  Entitlements fs_only;
  fs_only.fs_read = {"/etc"};
  EXPECT_TRUE(DecideEntitlements(fs_only, false, "/w", argv, FakeEnv({{"BUILDX_BAKE_ENTITLEMENTS_FS", "0"}}))->allowed);
  EXPECT_FALSE(DecideEntitlements(fs_only, false, "/w", argv, FakeEnv())->allowed);
  EXPECT_TRUE(DecideEntitlements(fs_only, true, "/w", argv, FakeEnv({{"BAKE_ALLOW_REMOTE_FS_ACCESS", "1"}}))->allowed);
  EXPECT_FALSE(DecideEntitlements(fs_only, false, "/w", argv, FakeEnv({{"BAKE_ALLOW_REMOTE_FS_ACCESS", "1"}}))->allowed);
  EXPECT_FALSE(DecideEntitlements(missing, false, "/w", argv, FakeEnv({{"BUILDX_BAKE_ENTITLEMENTS_FS", "0"}}))->allowed);
  EXPECT_FALSE(DecideEntitlements(fs_only, false, "/w", argv, FakeEnv({{"BUILDX_BAKE_ENTITLEMENTS_FS", "maybe"}})));

  auto none = DecideEntitlements(Entitlements{}, false, "/w", argv, FakeEnv());
  EXPECT_TRUE(none->allowed);
  EXPECT_EQ(none->message, "");
}

}  // namespace
}  // namespace manifold::bake
