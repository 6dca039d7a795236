// ToBuildSetMembers: targets become requests as buildx's toBuildOpt reads them.
#include "bake/build_members.hpp"

#include <gtest/gtest.h>

namespace manifold::bake {
namespace {

Target Named(std::string name) {
  Target t;
  t.name = std::move(name);
  return t;
}

TEST(BuildMembers, PathsArgsAndPlatformsAsBuildxReadsThem) {
  Target app = Named("app");
  app.context = "services/app";
  app.dockerfile = "docker/Dockerfile.prod";
  app.args = NullableMap{{"A", "1"}, {"LEFT_TO_DOCKERFILE", std::nullopt}};
  app.platforms = std::vector<std::string>{"linux/amd64,linux/arm64", "linux/arm64"};
  app.tags = std::vector<std::string>{"r/app:1"};
  app.outputs = std::vector<std::string>{"type=image,push=true"};
  app.extra_hosts = NullableMap{{"db", "10.0.0.2"}, {"gone", std::nullopt}};
  Target abs = Named("abs");
  abs.dockerfile = "/srv/Dockerfile";
  Target inline_df = Named("inline");
  inline_df.dockerfile_inline = "FROM scratch\n";
  std::vector<std::string> warnings;
  auto members = ToBuildSetMembers({app, abs, inline_df}, {}, warnings);
  ASSERT_TRUE(members) << members.error().What();
  ASSERT_EQ(members->size(), 3u);
  const auto& req = (*members)[0].request;
  EXPECT_EQ((*members)[0].name, "app");
  EXPECT_EQ(req.context_dir, "services/app");
  EXPECT_EQ(req.dockerfile, "services/app/docker/Dockerfile.prod");  // relative to the context
  EXPECT_EQ(req.build_args.at("A"), "1");
  EXPECT_FALSE(req.build_args.contains("LEFT_TO_DOCKERFILE"));
  ASSERT_EQ(req.platforms.size(), 2u);
  EXPECT_EQ(req.platforms[1].architecture, "arm64");
  ASSERT_EQ(req.outputs.size(), 1u);
  EXPECT_TRUE(req.outputs[0].push);
  ASSERT_EQ(req.run_env.extra_hosts.size(), 1u);
  EXPECT_EQ((*members)[1].request.dockerfile, "/srv/Dockerfile");
  EXPECT_EQ((*members)[1].request.context_dir, ".");
  EXPECT_EQ((*members)[2].request.dockerfile, "-");
  EXPECT_EQ((*members)[2].request.dockerfile_text, "FROM scratch\n");
  EXPECT_TRUE(warnings.empty());
}

TEST(BuildMembers, TargetContextsBecomeLinksOthersBuildContexts) {
  Target base = Named("base");
  Target app = Named("app");
  app.contexts = std::map<std::string, std::string>{{"base", "target:base"}, {"docs", "docker-image://r/docs:1"}};
  std::vector<std::string> warnings;
  auto members = ToBuildSetMembers({base, app}, {}, warnings);
  ASSERT_TRUE(members) << members.error().What();
  EXPECT_EQ((*members)[1].links.at("base"), 0u);
  EXPECT_TRUE((*members)[1].request.build_contexts.contains("docs"));
  EXPECT_FALSE((*members)[1].request.build_contexts.contains("base"));

  app.contexts = std::map<std::string, std::string>{{"base", "target:missing"}};
  auto missing = ToBuildSetMembers({base, app}, {}, warnings);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().What().find("there is no target \"missing\""), std::string::npos) << missing.error().What();
}

TEST(BuildMembers, BadAttributesNameTheTarget) {
  Target t = Named("web");
  t.context = "-";
  std::vector<std::string> warnings;
  auto refused = ToBuildSetMembers({t}, {}, warnings);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().What().find("target \"web\": context from stdin not allowed in bake"), std::string::npos)
      << refused.error().What();
  Target bad = Named("api");
  bad.platforms = std::vector<std::string>{"linux/amd46"};
  auto typo = ToBuildSetMembers({bad}, {}, warnings);
  ASSERT_FALSE(typo);
  EXPECT_NE(typo.error().What().find("target \"api\""), std::string::npos);
  EXPECT_NE(typo.error().What().find("amd46"), std::string::npos);
  Target gha = Named("ci");
  gha.cache_from = std::vector<std::string>{"type=gha"};
  auto dropped = ToBuildSetMembers({gha}, {}, warnings);
  ASSERT_TRUE(dropped);
  EXPECT_TRUE((*dropped)[0].request.cache_from.empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].rfind("ci: ", 0), 0u);
}

// Bake's own entitlements (fs, ssh, image) are checked before the build and stay out of the
// steps; network.host reaches them; one manifold cannot give (a CDI device) is refused, not
// dropped.
TEST(BuildMembers, TargetEntitlementsReachTheStepsOrAreRefused) {
  std::vector<std::string> warnings;
  Target t = Named("app");
  t.entitlements = std::vector<std::string>{"network.host", "fs.read=/etc", "ssh", "image.push=r/x"};
  auto members = ToBuildSetMembers({t}, {}, warnings);
  ASSERT_TRUE(members) << members.error().What();
  EXPECT_TRUE((*members)[0].request.run_env.allow_network_host);
  EXPECT_FALSE((*members)[0].request.run_env.allow_security_insecure);
  Target gpu = Named("gpu");
  gpu.entitlements = std::vector<std::string>{"device=nvidia.com/gpu=all"};
  auto refused = ToBuildSetMembers({gpu}, {}, warnings);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().What().find("target \"gpu\""), std::string::npos) << refused.error().What();
  EXPECT_NE(refused.error().What().find("device"), std::string::npos) << refused.error().What();
}

}  // namespace
}  // namespace manifold::bake
