// image-spec conformance: the 71 schema fixtures through the schema validator and our readers,
// and Docker schema-2 documents read and digested on their raw bytes.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "image/config.hpp"
#include "image/descriptor_json.hpp"
#include "image/index.hpp"
#include "image/json_canonical.hpp"
#include "image/manifest.hpp"
#include "support/conformance.hpp"
#include "support/json_schema.hpp"

namespace manifold::image {
namespace {

struct Fixture {
  size_t line = 0;  // 0 = corpus absent
  std::vector<std::string> fields;  // file validate_as expect sha256_of_file source beyond_schema ...
};

std::vector<Fixture> Fixtures() {
  auto index = testing::ConformancePath("oci-image-spec/fixtures/index.tsv");
  if (!index) return {Fixture{}};
  auto lines = testing::SplitLines(testing::ReadBytes(*index));
  std::vector<Fixture> out;
  for (size_t i = 1; i < lines.size(); ++i) out.push_back({i + 1, testing::SplitTabs(lines[i])});
  return out;
}

std::string FixtureName(const ::testing::TestParamInfo<Fixture>& info) {
  if (info.param.line == 0) return "corpus_absent";
  return testing::SanitizeTestName(info.param.fields[0]);
}

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

// What upstream does before validating Docker documents against the OCI schemas.
std::string DockerToOci(std::string text) {
  text = ReplaceAll(text, media_type::kDockerManifestList, media_type::kOciIndex);
  text = ReplaceAll(text, media_type::kDockerManifest, media_type::kOciManifest);
  text = ReplaceAll(text, media_type::kDockerLayerGzip, media_type::kOciLayerGzip);
  return ReplaceAll(text, media_type::kDockerConfig, media_type::kOciConfig);
}

// Runs our reader for the fixture's media type; nullopt when we have no reader for it.
std::optional<util::Status> ReadWithOurs(std::string_view media_type, const std::string& bytes) {
  auto status = [](auto result) -> util::Status {
    if (!result) return std::unexpected(std::move(result.error()));
    return {};
  };
  if (media_type == media_type::kOciIndex) return status(ParseIndex(bytes));
  if (media_type == media_type::kOciManifest) return status(ParseManifest(bytes));
  if (media_type == media_type::kOciConfig) return status(ParseConfig(bytes));
  if (media_type == media_type::kOciDescriptor) {
    auto json = ParseJson(bytes, "descriptor");
    if (!json) return std::unexpected(std::move(json.error()));
    return status(DescriptorFromJson(*json, "descriptor"));
  }
  return std::nullopt;
}

// The reader supports sha256 and sha512 only; image-spec's grammar also admits digests of
// unregistered algorithms ("sha256+b64u:..."), which a builder cannot verify, so they are refused.
bool UsesUnsupportedDigest(const std::string& text) {
  for (std::string_view algo : {"sha256+", "sha256.", "multihash+"}) {
    if (text.find(fmt::format("\"{}", algo)) != std::string::npos) return true;
  }
  return false;
}

class OciFixture : public ::testing::TestWithParam<Fixture> {};

TEST_P(OciFixture, SchemaAndReaderAgreeWithUpstream) {
  MANIFOLD_REQUIRE_CONFORMANCE("oci-image-spec/fixtures/index.tsv");
  const auto& f = GetParam().fields;
  ASSERT_GE(f.size(), 6u);
  const std::string& media_type = f[1];
  const bool valid = f[2] == "valid";
  const bool beyond_schema = f[5] != "-";
  std::string bytes = testing::ReadBytes(*testing::ConformancePath("oci-image-spec/fixtures/" + f[0]));
  ASSERT_FALSE(bytes.empty());

  std::string error;
  auto schemas = testing::JsonSchemaSet::Load(*testing::ConformancePath("oci-image-spec/schema"), &error);
  ASSERT_TRUE(schemas) << error;
  const bool docker = f[0].starts_with("docker-compat/");
  nlohmann::json json = nlohmann::json::parse(docker ? DockerToOci(bytes) : bytes, nullptr, false);
  std::vector<std::string> violations;
  if (json.is_discarded()) {
    violations.push_back("not JSON");
  } else {
    violations = schemas->Validate(json, testing::JsonSchemaSet::SchemaFileFor(media_type));
  }
  std::string joined;
  for (const auto& v : violations) joined += v + "\n";

  auto ours = ReadWithOurs(media_type, bytes);
  if (valid) {
    EXPECT_TRUE(violations.empty()) << joined;
    if (ours && UsesUnsupportedDigest(bytes)) {
      ASSERT_FALSE(*ours);
      EXPECT_NE(ours->error().What().find("unsupported algorithm"), std::string::npos)
          << ours->error().What();
    } else if (ours) {
      EXPECT_TRUE(*ours) << ours->error().What();
    }
  } else if (beyond_schema) {
    // Plain draft-04 validation passes these; the extra check is the reader's job.
    ASSERT_TRUE(ours.has_value());
    EXPECT_FALSE(*ours) << "our reader accepted an invalid document";
  } else {
    EXPECT_FALSE(violations.empty()) << "schema accepted an invalid document";
  }

  if (f[3] != "-") {
    EXPECT_EQ(Digest::OfBytes(bytes).str(), f[3]) << "digest of the file's exact bytes";
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, OciFixture, ::testing::ValuesIn(Fixtures()), FixtureName);

class DockerCompat : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::ConformancePath("oci-image-spec/fixtures/docker-compat")) {
      GTEST_SKIP() << "conformance corpus not found (oci-image-spec/fixtures/docker-compat)";
    }
  }
  static std::string Read(const std::string& name) {
    return testing::ReadBytes(*testing::ConformancePath("oci-image-spec/fixtures/docker-compat/" + name));
  }
};

TEST_F(DockerCompat, ManifestListReadsWithPlatforms) {
  auto index = ParseIndex(Read("imageindex-001.json"));
  ASSERT_TRUE(index) << index.error().What();
  EXPECT_EQ(index->media_type, media_type::kDockerManifestList);
  ASSERT_EQ(index->manifests.size(), 5u);
  EXPECT_EQ(index->manifests[3].media_type, media_type::kDockerManifest);
  ASSERT_TRUE(index->manifests[3].platform);
  EXPECT_EQ(index->manifests[3].platform->architecture, "arm");
  EXPECT_EQ(index->manifests[3].platform->variant, "v7");
  EXPECT_EQ(index->manifests[1].size, 1922);
  // Re-serializing changes the bytes (whitespace, key order), so the digest must come from the
  // raw bytes, never from a re-serialization.
  EXPECT_NE(Digest::OfBytes(SerializeIndex(*index, MediaTypes::kDocker)), Digest::OfBytes(Read("imageindex-001.json")));
}

TEST_F(DockerCompat, ManifestAndConfigsRead) {
  auto manifest = ParseManifest(Read("manifest-002.json"));
  ASSERT_TRUE(manifest) << manifest.error().What();
  EXPECT_EQ(manifest->media_type, media_type::kDockerManifest);
  EXPECT_EQ(manifest->config.media_type, "application/octet-stream");
  ASSERT_EQ(manifest->layers.size(), 4u);
  EXPECT_EQ(manifest->layers[0].media_type, media_type::kDockerLayerGzip);
  EXPECT_EQ(manifest->layers[3].size, 465);

  auto config = ParseConfig(Read("config-003.json"));
  ASSERT_TRUE(config) << config.error().What();
  EXPECT_EQ(config->platform.os, "linux");
  EXPECT_EQ(config->platform.architecture, "amd64");
  EXPECT_EQ(config->config.entrypoint, std::vector<std::string>{"docker-entrypoint.sh"});
  EXPECT_EQ(config->config.cmd, std::vector<std::string>{"sh"});
  EXPECT_FALSE(config->history.empty());
  EXPECT_TRUE(config->history.back().empty_layer);
  auto config4 = ParseConfig(Read("config-004.json"));
  ASSERT_TRUE(config4) << config4.error().What();
  EXPECT_FALSE(config4->diff_ids.empty());
}

}  // namespace
}  // namespace manifold::image
