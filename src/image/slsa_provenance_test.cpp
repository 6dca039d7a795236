// SLSA predicates: each field where v0.2 and v1 put it, optional ones left out when unknown.
#include "image/slsa_provenance.hpp"

#include <gtest/gtest.h>

namespace manifold::image {
namespace {

SlsaProvenance Sample() {
  SlsaProvenance p;
  p.builder_id = "https://ci.example/run/7";
  p.build_type = "https://manifold.dev/build/dockerfile@v1";
  p.config_uri = "https://git.example/app.git";
  p.config_digest = {{"sha1", std::string(40, 'c')}};
  p.entry_point = "Dockerfile";
  p.parameters = {{"frontend", "dockerfile"}};
  p.platform = "linux/arm64";
  p.materials.push_back({"pkg:docker/busybox@1.36?platform=linux%2Farm64", {{"sha256", std::string(64, 'b')}}});
  p.invocation_id = "0123";
  p.started_on = "2026-01-02T03:04:05Z";
  p.finished_on = "2026-01-02T03:04:09Z";
  p.complete_parameters = true;
  p.complete_environment = true;
  p.reproducible = true;
  p.vendor_metadata = {{"vcs", {{"revision", std::string(40, 'c')}}}};
  return p;
}

TEST(SlsaProvenance, V02PutsEachFieldWhereTheSpecSays) {
  auto j = SlsaV02Predicate(Sample());
  EXPECT_EQ(j["builder"]["id"], "https://ci.example/run/7");
  EXPECT_EQ(j["buildType"], "https://manifold.dev/build/dockerfile@v1");
  EXPECT_EQ(j["invocation"]["configSource"]["uri"], "https://git.example/app.git");
  EXPECT_EQ(j["invocation"]["configSource"]["entryPoint"], "Dockerfile");
  EXPECT_EQ(j["invocation"]["configSource"]["digest"]["sha1"], std::string(40, 'c'));
  EXPECT_EQ(j["invocation"]["environment"]["platform"], "linux/arm64");
  EXPECT_EQ(j["materials"][0]["digest"]["sha256"], std::string(64, 'b'));
  EXPECT_EQ(j["metadata"]["buildStartedOn"], "2026-01-02T03:04:05Z");
  EXPECT_EQ(j["metadata"]["buildFinishedOn"], "2026-01-02T03:04:09Z");
  EXPECT_EQ(j["metadata"]["completeness"]["materials"], false);
  EXPECT_EQ(j["metadata"]["reproducible"], true);
  EXPECT_EQ(j["metadata"]["https://manifold.dev/build/dockerfile@v1#metadata"]["vcs"]["revision"], std::string(40, 'c'));
  EXPECT_FALSE(j.contains("buildConfig")) << "mode=min";
}

TEST(SlsaProvenance, V1PutsEachFieldWhereTheSpecSays) {
  SlsaProvenance p = Sample();
  p.build_config = nlohmann::json{{"llbDefinition", nlohmann::json::array()}};
  auto j = SlsaV1Predicate(p);
  EXPECT_EQ(j["buildDefinition"]["buildType"], p.build_type);
  EXPECT_EQ(j["buildDefinition"]["externalParameters"]["configSource"]["path"], "Dockerfile");
  EXPECT_EQ(j["buildDefinition"]["externalParameters"]["request"]["platform"], "linux/arm64");
  EXPECT_EQ(j["buildDefinition"]["externalParameters"]["request"]["frontend"], "dockerfile");
  EXPECT_TRUE(j["buildDefinition"]["internalParameters"].contains("buildConfig"));
  EXPECT_EQ(j["buildDefinition"]["resolvedDependencies"][0]["uri"], p.materials[0].uri);
  EXPECT_EQ(j["runDetails"]["builder"]["id"], p.builder_id);
  EXPECT_EQ(j["runDetails"]["metadata"]["invocationID"], "0123");
  EXPECT_EQ(j["runDetails"]["metadata"]["startedOn"], p.started_on);
  EXPECT_EQ(j["runDetails"]["metadata"]["manifold_reproducible"], true);
}

TEST(SlsaProvenance, UnknownsAreLeftOut) {
  SlsaProvenance p;
  p.build_type = "t";
  auto v02 = SlsaV02Predicate(p);
  EXPECT_EQ(v02["invocation"]["configSource"], nlohmann::json::object());
  EXPECT_FALSE(v02["metadata"].contains("buildStartedOn"));
  EXPECT_FALSE(v02["metadata"].contains("t#metadata"));
  auto v1 = SlsaV1Predicate(p);
  EXPECT_FALSE(v1["runDetails"]["metadata"].contains("startedOn"));
  EXPECT_FALSE(v1["runDetails"]["metadata"].contains("manifold_metadata"));
}

}  // namespace
}  // namespace manifold::image
