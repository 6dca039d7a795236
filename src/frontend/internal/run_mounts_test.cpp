// ParseRunMount: BuildKit's defaults per mount type, expansion, and the errors that name a field.
#include "frontend/internal/run_mounts.hpp"

#include <gtest/gtest.h>

namespace manifold::frontend::internal {
namespace {

using Type = graph::ExecMount::Type;

util::Result<std::string> Identity(const std::string& s) { return s; }

RunMount Parse(std::string_view value, const std::string& workdir = "/") {
  auto m = ParseRunMount(value, workdir, Identity);
  EXPECT_TRUE(m) << (m ? "" : m.error().Describe());
  return m ? *m : RunMount{};
}

std::string ErrorOf(std::string_view value) {
  auto m = ParseRunMount(value, "/", Identity);
  EXPECT_FALSE(m) << value;
  return m ? "" : m.error().Describe();
}

TEST(RunMountTest, BindIsTheDefaultTypeReadOnlyFromTheContextRoot) {
  RunMount m = Parse("target=/src");
  EXPECT_EQ(m.mount.type, Type::kBind);
  EXPECT_TRUE(m.mount.readonly);
  EXPECT_EQ(m.mount.selector, "/");
  EXPECT_EQ(m.from, "");
  RunMount rw = Parse("type=bind,from=build,source=out/app,dst=/app,rw");
  EXPECT_FALSE(rw.mount.readonly);
  EXPECT_EQ(rw.mount.selector, "/out/app");
  EXPECT_EQ(rw.from, "build");
}

TEST(RunMountTest, CacheDefaultsToItsTargetAsIdSharedAndWritable) {
  RunMount m = Parse("type=cache,target=/root/.cache");
  EXPECT_EQ(m.mount.cache_id, "/root/.cache");
  EXPECT_EQ(m.mount.sharing, "shared");
  EXPECT_FALSE(m.mount.readonly);
  EXPECT_EQ(m.mount.mode, 0755u);
  RunMount owned = Parse("type=cache,id=go,target=/go,sharing=locked,uid=1000,gid=100,mode=0700");
  EXPECT_EQ(owned.mount.cache_id, "go");
  EXPECT_EQ(owned.mount.sharing, "locked");
  EXPECT_EQ(owned.mount.uid, 1000u);
  EXPECT_EQ(owned.mount.gid, 100u);
  EXPECT_EQ(owned.mount.mode, 0700u);
}

TEST(RunMountTest, RelativeTargetsAreUnderTheWorkdir) {
  EXPECT_EQ(Parse("type=cache,target=node_modules", "/app").mount.target, "/app/node_modules");
}

TEST(RunMountTest, SecretIdTargetAndEnvDefaults) {
  RunMount by_id = Parse("type=secret,id=token");
  EXPECT_EQ(by_id.mount.target, "/run/secrets/token");
  EXPECT_EQ(by_id.mount.mode, 0400u);
  EXPECT_FALSE(by_id.mount.required);
  RunMount by_target = Parse("type=secret,target=/etc/app/key.pem,required");
  EXPECT_EQ(by_target.mount.cache_id, "key.pem");
  EXPECT_TRUE(by_target.mount.required);
  RunMount env_only = Parse("type=secret,id=tok,env=API_TOKEN");
  EXPECT_EQ(env_only.mount.target, "");
  EXPECT_EQ(env_only.mount.env, "API_TOKEN");
}

TEST(RunMountTest, ValuesAreExpanded) {
  auto m = ParseRunMount("type=cache,id=apt-$TARGETARCH,target=/var/cache/apt", "/",
                         [](const std::string& s) -> util::Result<std::string> {
                           std::string out = s;
                           if (auto at = out.find("$TARGETARCH"); at != std::string::npos) out.replace(at, 11, "arm64");
                           return out;
                         });
  ASSERT_TRUE(m);
  EXPECT_EQ(m->mount.cache_id, "apt-arm64");
}

TEST(RunMountTest, ErrorsNameTheField) {
  EXPECT_NE(ErrorOf("type=volume,target=/x").find("type=\"volume\""), std::string::npos);
  EXPECT_NE(ErrorOf("type=cache").find("needs a target"), std::string::npos);
  EXPECT_NE(ErrorOf("type=cache,target=/x,sharing=sometimes").find("sharing"), std::string::npos);
  EXPECT_NE(ErrorOf("type=bind,target=/x,mode=0700").find("mode/uid/gid"), std::string::npos);
  EXPECT_NE(ErrorOf("type=tmpfs,target=/x,sharing=locked").find("sharing"), std::string::npos);
  EXPECT_NE(ErrorOf("type=cache,target=/x,mode=999").find("octal"), std::string::npos);
  EXPECT_NE(ErrorOf("type=cache,target=/x,colour=red").find("unknown key \"colour\""), std::string::npos);
  EXPECT_NE(ErrorOf("target=/").find("cannot mount over /"), std::string::npos);
  EXPECT_NE(ErrorOf("type=secret,id=a,src=b").find("both source and id"), std::string::npos);
}

TEST(RunMountTest, TmpfsSize) {
  EXPECT_EQ(Parse("type=tmpfs,target=/t,size=64m").mount.size, 64ull << 20);
  EXPECT_EQ(Parse("type=tmpfs,target=/t").mount.size, 0u);
}

}  // namespace
}  // namespace manifold::frontend::internal
