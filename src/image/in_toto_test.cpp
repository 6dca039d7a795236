// in-toto statements: bytes both ways, refusals naming the field, BuildKit's package-URL subject names.
#include "image/in_toto.hpp"

#include <gtest/gtest.h>

namespace manifold::image {
namespace {

Platform Arm64() {
  Platform p;
  p.os = "linux";
  p.architecture = "arm64";
  return p;
}

TEST(InToto, StatementRoundTripsWithSortedKeys) {
  InTotoStatement s;
  s.predicate_type = "https://slsa.dev/provenance/v0.2";
  s.subjects.push_back({"pkg:docker/app@1.0?platform=linux%2Farm64", Digest::OfBytes("manifest")});
  s.predicate = {{"buildType", "x"}, {"builder", {{"id", ""}}}};
  std::string bytes = SerializeStatement(s);
  EXPECT_TRUE(bytes.starts_with(R"({"_type":"https://in-toto.io/Statement/v0.1","predicate":{)")) << bytes;
  EXPECT_NE(bytes.find(R"("subject":[{"digest":{"sha256":")" + std::string(Digest::OfBytes("manifest").hex())),
            std::string::npos)
      << bytes;
  auto back = ParseStatement(bytes);
  ASSERT_TRUE(back) << back.error().Describe();
  EXPECT_EQ(*back, s);
  EXPECT_EQ(SerializeStatement(*back), bytes) << "same statement, same bytes";
}

TEST(InToto, ParseRefusesNamingTheField) {
  struct Row {
    std::string json, needle;
  };
  std::string hex(64, 'a');
  for (const auto& row : std::vector<Row>{
           {"[]", "document"},
           {R"({"predicateType":"t","subject":[]})", "_type"},
           {R"({"_type":"https://example.com/x","predicateType":"t","subject":[]})", "is not an in-toto Statement"},
           {R"({"_type":"https://in-toto.io/Statement/v0.1","subject":[]})", "predicateType"},
           {R"({"_type":"https://in-toto.io/Statement/v0.1","predicateType":"t","subject":[]})", "subject must be"},
           {R"({"_type":"https://in-toto.io/Statement/v0.1","predicateType":"t","subject":[{"name":"a","digest":{}}]})",
            "subject[0].digest.sha256"},
           {R"({"_type":"https://in-toto.io/Statement/v0.1","predicateType":"t","subject":[{"name":"a","digest":{"sha256":"xyz"}}]})",
            "not a sha256"},
           {R"({"_type":"https://in-toto.io/Statement/v0.1","predicateType":"t","predicate":[],"subject":[{"name":"a","digest":{"sha256":")" +
                hex + R"("}}]})",
            "predicate is not an object"},
       }) {
    auto s = ParseStatement(row.json);
    ASSERT_FALSE(s) << row.json;
    EXPECT_NE(s.error().Describe().find(row.needle), std::string::npos) << s.error().Describe();
  }
}

TEST(InToto, SubjectAndMaterialNamesArePackageUrls) {
  EXPECT_EQ(ImageSubjectName("localhost:5000/team/app:1.0", Arm64()),
            "pkg:docker/localhost:5000/team/app@1.0?platform=linux%2Farm64");
  EXPECT_EQ(ImageSubjectName("localhost:5000/app", Arm64()), "pkg:docker/localhost:5000/app@latest?platform=linux%2Farm64");
  EXPECT_EQ(ImageSubjectName("", Arm64()), "_");
  Platform v7 = Arm64();
  v7.architecture = "arm";
  v7.variant = "v7";
  EXPECT_EQ(DockerPackageUrl("docker.io/library/busybox:1.36@sha256:" + std::string(64, 'b'), v7),
            "pkg:docker/docker.io/library/busybox@1.36?platform=linux%2Farm%2Fv7")
      << "the digest goes into the material's digest, not its URI";
}

}  // namespace
}  // namespace manifold::image
