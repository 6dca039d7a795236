// Tests of the OCI layout's descriptor JSON conversion.
#include "content/internal/descriptor_json.hpp"

#include <gtest/gtest.h>

namespace manifold::content::internal {
namespace {

TEST(DescriptorJson, RoundTripsEveryField) {
  image::Descriptor d;
  d.media_type = "application/vnd.oci.image.manifest.v1+json";
  d.digest = image::Digest::OfBytes("m");
  d.size = 42;
  d.urls = {"https://example.com/blob"};
  d.annotations = {{"org.opencontainers.image.ref.name", "v1"}, {"a", "b"}};
  d.artifact_type = "application/x-test";
  d.platform = image::Platform{"linux", "arm", "v7", "10.0", {"sse4"}};
  nlohmann::json json = DescriptorToJson(d);
  EXPECT_EQ(json["platform"]["os.version"], "10.0");
  EXPECT_EQ(json.dump().find("\"annotations\":{\"a\":\"b\""), json.dump().find("\"annotations\""));
  auto back = DescriptorFromJson(json, "here");
  ASSERT_TRUE(back) << back.error().What();
  EXPECT_EQ(*back, d);
  // Optional fields stay out when unset.
  image::Descriptor plain;
  EXPECT_EQ(DescriptorToJson(plain).size(), 3u);
}

TEST(DescriptorJson, RejectsBadFieldsNamingWhere) {
  std::string digest = image::Digest::OfBytes("x").str();
  for (const char* text : {R"([])", R"({"size": 1})", R"({"digest": "sha256:abc", "size": 1})",
                           R"({"digest": "DIGEST", "size": -1})", R"({"digest": "DIGEST", "size": "1"})",
                           R"({"digest": "DIGEST", "size": 1, "annotations": {"a": 1}})",
                           R"({"digest": "DIGEST", "size": 1, "platform": {"os": 3}})",
                           R"({"digest": "DIGEST", "size": 1, "urls": "u"})"}) {
    std::string doc = text;
    if (auto at = doc.find("DIGEST"); at != std::string::npos) doc.replace(at, 6, digest);
    auto r = DescriptorFromJson(nlohmann::json::parse(doc), "index.json manifests[3]");
    ASSERT_FALSE(r) << doc;
    EXPECT_EQ(r.error().kind(), util::ErrorKind::kInvalidArgument) << doc;
    EXPECT_NE(r.error().What().find("index.json manifests[3]"), std::string::npos) << r.error().What();
  }
}

}  // namespace
}  // namespace manifold::content::internal
