// Tests of remote bake definitions' rules, from buildx's bakeArgs, remoteURLWithSubdir
// (bake_test.go's cases), updateContext and gitauth.go.
#include "bake/remote_definition.hpp"

#include <gtest/gtest.h>

#include "bake/internal/test_config.hpp"
#include "bake/resolve.hpp"

namespace manifold::bake {
namespace {

using internal::FakeEnv;
using internal::MakeTarget;
using internal::Strings;

constexpr std::string_view kRepo = "https://github.com/docker/buildx.git";

TEST(SplitBakeArgsTest, ARemoteFirstArgumentIsTheDefinitionAndASecondOneTheCommandContext) {
  auto local = SplitBakeArgs({"app", "worker"});
  EXPECT_EQ(local.url, "");
  EXPECT_EQ(local.cmd_context, "cwd://");
  EXPECT_EQ(local.targets, (Strings{"app", "worker"}));

  auto remote = SplitBakeArgs({"https://github.com/docker/cli.git#v20.10.11", "binary"});
  EXPECT_EQ(remote.url, "https://github.com/docker/cli.git#v20.10.11");
  EXPECT_EQ(remote.cmd_context, "cwd://");
  EXPECT_EQ(remote.targets, (Strings{"binary"}));

  auto both = SplitBakeArgs({"git://github.com/tonistiigi/buildx#remote-test", "git://github.com/docker/cli", "t"});
  EXPECT_EQ(both.url, "git://github.com/tonistiigi/buildx#remote-test");
  EXPECT_EQ(both.cmd_context, "git://github.com/docker/cli");
  EXPECT_EQ(both.targets, (Strings{"t"}));

  // A target is never taken for a URL; a tarball URL is a definition too.
  EXPECT_EQ(SplitBakeArgs({"app", "https://example.com/ctx.tar.gz"}).url, "");
  EXPECT_EQ(SplitBakeArgs({"https://example.com/defs.tar.gz"}).url, "https://example.com/defs.tar.gz");
  EXPECT_TRUE(SplitBakeArgs({}).targets.empty());
}

TEST(SplitDefinitionNamesTest, CwdNamesAreLocalTheOthersRemote) {
  auto names = SplitDefinitionNames({"bake.hcl", "cwd://local.hcl", "cwd://meta/bake.json"});
  EXPECT_EQ(names.remote, (Strings{"bake.hcl"}));
  EXPECT_EQ(names.local, (Strings{"local.hcl", "meta/bake.json"}));
}

TEST(RemoteUrlWithSubdirTest, BuildxCases) {
  EXPECT_EQ(RemoteUrlWithSubdir(kRepo, "components/interface"),
            "https://github.com/docker/buildx.git#:components/interface");
  EXPECT_EQ(RemoteUrlWithSubdir("https://github.com/docker/buildx.git#main", "components/interface"),
            "https://github.com/docker/buildx.git#main:components/interface");
  EXPECT_EQ(RemoteUrlWithSubdir("https://github.com/docker/buildx.git#main:base", "components/interface"),
            "https://github.com/docker/buildx.git#main:base/components/interface");
  EXPECT_EQ(RemoteUrlWithSubdir("https://github.com/docker/buildx.git?branch=main", "components/interface"),
            "https://github.com/docker/buildx.git?branch=main#:components/interface");
  EXPECT_EQ(RemoteUrlWithSubdir("https://example.com/context.tar.gz", "components/interface"),
            "https://example.com/context.tar.gz");
}

TEST(RemoteUrlWithSubdirTest, CleansTheSubdirAndKeepsASubdirQuery) {
  EXPECT_EQ(RemoteUrlWithSubdir(kRepo, "."), kRepo);
  EXPECT_EQ(RemoteUrlWithSubdir(kRepo, "./a/../b/"), "https://github.com/docker/buildx.git#:b");
  EXPECT_EQ(RemoteUrlWithSubdir("https://github.com/docker/buildx.git?subdir=base&ref=main", "x/y"),
            "https://github.com/docker/buildx.git?ref=main&subdir=base%2Fx%2Fy");
}

TEST(UseRemoteDefinitionTest, ContextsNameTheRemoteSourceUnlessLocalToTheCommand) {
  Target t = MakeTarget("app");
  t.contexts = std::map<std::string, std::string>{
      {"dot", "."},          {"sub", "./docs/"},       {"local", "cwd://src"},
      {"linked", "target:base"}, {"image", "docker-image://alpine"}, {"other", "https://github.com/o/r.git#v1"}};
  ASSERT_TRUE(UseRemoteDefinition(t, "https://github.com/o/defs.git#main"));
  EXPECT_EQ(t.context, "https://github.com/o/defs.git#main");
  const auto& c = *t.contexts;
  EXPECT_EQ(c.at("dot"), "https://github.com/o/defs.git#main");
  EXPECT_EQ(c.at("sub"), "https://github.com/o/defs.git#main:docs");
  EXPECT_EQ(c.at("local"), "cwd://src");
  EXPECT_EQ(c.at("linked"), "target:base");
  EXPECT_EQ(c.at("image"), "docker-image://alpine");
  EXPECT_EQ(c.at("other"), "https://github.com/o/r.git#v1");

  Target sub = MakeTarget("sub");
  sub.context = "services/api";
  ASSERT_TRUE(UseRemoteDefinition(sub, "git://host/repo.git"));
  EXPECT_EQ(sub.context, "git://host/repo.git#:services/api");

  Target cwd = MakeTarget("cwd");
  cwd.context = "cwd://";
  ASSERT_TRUE(UseRemoteDefinition(cwd, "git://host/repo.git"));
  EXPECT_EQ(cwd.context, "cwd://");
}

TEST(UseRemoteDefinitionTest, AnArchiveIsAContextOnlyAsAWhole) {
  Target whole = MakeTarget("whole");
  ASSERT_TRUE(UseRemoteDefinition(whole, "https://example.com/defs.tar.gz"));
  EXPECT_EQ(whole.context, "https://example.com/defs.tar.gz");

  Target sub = MakeTarget("sub");
  sub.context = "api";
  auto used = UseRemoteDefinition(sub, "https://example.com/defs.tar.gz");
  ASSERT_FALSE(used);
  EXPECT_NE(used.error().What().find("context \"api\""), std::string::npos) << used.error().What();
  EXPECT_NE(used.error().What().find("cwd://"), std::string::npos) << used.error().What();
}

TEST(UseRemoteDefinitionTest, ResolveTargetsAppliesItBeforeCleaningTheContext) {
  Config config;
  Target app = MakeTarget("app");
  app.context = "cwd://./src/..";
  Target api = MakeTarget("api");
  api.context = "api";
  config.targets = {app, api};
  ResolveOptions options;
  options.env = FakeEnv();
  options.remote_url = "https://github.com/o/defs.git#v1";
  auto resolved = ResolveTargets(config, {"app", "api"}, {}, options);
  ASSERT_TRUE(resolved) << resolved.error().What();
  ASSERT_EQ(resolved->targets.size(), 2u);
  EXPECT_EQ(resolved->targets[0].name, "api");
  EXPECT_EQ(resolved->targets[0].context, "https://github.com/o/defs.git#v1:api");
  EXPECT_EQ(resolved->targets[1].context, ".");  // local to the command, as --print shows it
}

TEST(GitAuthTest, SecretsScopedToTheDefinitionsHostFromTheEnvironment) {
  auto env = FakeEnv({{"BUILDX_BAKE_GIT_AUTH_TOKEN", "t"}, {"BUILDX_BAKE_GIT_AUTH_HEADER", "basic"}});
  EXPECT_EQ(GitAuthSecretFlags("https://github.com/o/r.git#main", env),
            (Strings{"id=GIT_AUTH_TOKEN.github.com,env=BUILDX_BAKE_GIT_AUTH_TOKEN",
                     "id=GIT_AUTH_HEADER.github.com,env=BUILDX_BAKE_GIT_AUTH_HEADER"}));
  EXPECT_EQ(GitAuthSecretFlags("https://user:pw@example.com:8443/defs.tar.gz", env).front(),
            "id=GIT_AUTH_TOKEN.example.com:8443,env=BUILDX_BAKE_GIT_AUTH_TOKEN");
  EXPECT_TRUE(GitAuthSecretFlags("https://github.com/o/r.git", FakeEnv()).empty());

  EXPECT_EQ(GitSshFlag(FakeEnv()), "default");
  EXPECT_EQ(GitSshFlag(FakeEnv({{"BUILDX_BAKE_GIT_SSH", "/run/a.sock,/home/u/.ssh/id"}})),
            "default=/run/a.sock,/home/u/.ssh/id");

  EXPECT_TRUE(SharesGitHost("https://GitHub.com/o/defs.git", "https://github.com/o/app.git#v1"));
  EXPECT_FALSE(SharesGitHost("https://github.com/o/defs.git", "https://gitlab.com/o/app.git"));
  EXPECT_FALSE(SharesGitHost("https://github.com/o/defs.git", "./app"));
}

}  // namespace
}  // namespace manifold::bake
