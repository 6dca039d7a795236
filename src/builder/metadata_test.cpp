// --metadata-file and --iidfile: buildx's keys and bytes, atomic writes, errors naming the file.
#include "builder/metadata.hpp"

#include <nlohmann/json.hpp>
#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"

namespace manifold::builder {
namespace {

BuildResult IndexResult() {
  BuildResult r;
  r.root.media_type = "application/vnd.oci.image.index.v1+json";
  r.root.digest = image::Digest::OfBytes("an index");
  r.root.size = 1234;
  r.pushed = {"localhost:5000/app:1.0", "localhost:5000/app:latest"};
  return r;
}

TEST(Metadata, WritesBuildxKeys) {
  testing::TempDir dir;
  BuildResult r = IndexResult();
  ASSERT_TRUE(WriteMetadataFile(dir / "meta.json", r));
  auto doc = nlohmann::json::parse(*util::ReadFile(dir / "meta.json"));
  EXPECT_EQ(doc["containerimage.digest"], r.root.digest.str());
  EXPECT_EQ(doc["containerimage.descriptor"]["mediaType"], r.root.media_type);
  EXPECT_EQ(doc["containerimage.descriptor"]["digest"], r.root.digest.str());
  EXPECT_EQ(doc["containerimage.descriptor"]["size"], 1234);
  EXPECT_EQ(doc["image.name"], "localhost:5000/app:1.0,localhost:5000/app:latest");

  r.pushed.clear();
  ASSERT_TRUE(WriteMetadataFile(dir / "meta.json", r));
  doc = nlohmann::json::parse(*util::ReadFile(dir / "meta.json"));
  EXPECT_FALSE(doc.contains("image.name")) << "nothing was pushed";
}

TEST(Metadata, OnePlatformConfigDigestBuildRefAndLoadedNames) {
  testing::TempDir dir;
  BuildResult r;
  r.root.media_type = "application/vnd.oci.image.manifest.v1+json";
  r.root.digest = image::Digest::OfBytes("a manifest");
  r.root.size = 10;
  PlatformResult p;
  p.config = image::Digest::OfBytes("a config");
  p.node = "node0";
  r.platforms.push_back(p);
  r.loaded = {"docker.io/library/app:1.0"};
  r.archived = {"docker.io/library/app:1.0", "docker.io/library/app:latest"};
  Instance instance;
  instance.name = "ci";
  r.build_ref = NewBuildRef(instance, r);
  ASSERT_TRUE(WriteMetadataFile(dir / "meta.json", r));
  auto doc = nlohmann::json::parse(*util::ReadFile(dir / "meta.json"));
  EXPECT_EQ(doc["containerimage.config.digest"], p.config.str());
  EXPECT_EQ(doc["image.name"], "docker.io/library/app:1.0,docker.io/library/app:latest") << "deduplicated, in order";
  std::string ref = doc["buildx.build.ref"];
  ASSERT_EQ(ref.substr(0, 9), "ci/node0/");
  EXPECT_EQ(ref.size(), 9u + 25u);
  EXPECT_EQ(ref.substr(9).find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789"), std::string::npos);
  EXPECT_NE(NewBuildRef(instance, r), r.build_ref) << "a fresh ref each build";

  // An index has no single config: BuildKit leaves the key out.
  BuildResult multi = IndexResult();
  multi.platforms = {p, p};
  ASSERT_TRUE(WriteMetadataFile(dir / "multi.json", multi));
  doc = nlohmann::json::parse(*util::ReadFile(dir / "multi.json"));
  EXPECT_FALSE(doc.contains("containerimage.config.digest"));
  EXPECT_FALSE(doc.contains("buildx.build.ref")) << "not set, not written";
}

TEST(Metadata, ProvenanceKeyPerBuildx) {
  testing::TempDir dir;
  BuildResult r = IndexResult();
  ASSERT_TRUE(WriteMetadataFile(dir / "meta.json", r));
  auto doc = nlohmann::json::parse(*util::ReadFile(dir / "meta.json"));
  EXPECT_FALSE(doc.contains("buildx.build.provenance")) << "no mode=max provenance, no key";
  r.provenance["linux/amd64"] = {{"buildType", "a"}};
  ASSERT_TRUE(WriteMetadataFile(dir / "meta.json", r));
  doc = nlohmann::json::parse(*util::ReadFile(dir / "meta.json"));
  EXPECT_EQ(doc["buildx.build.provenance"]["buildType"], "a");
  r.provenance["linux/arm64"] = {{"buildType", "b"}};
  ASSERT_TRUE(WriteMetadataFile(dir / "meta.json", r));
  doc = nlohmann::json::parse(*util::ReadFile(dir / "meta.json"));
  EXPECT_FALSE(doc.contains("buildx.build.provenance"));
  EXPECT_EQ(doc["buildx.build.provenance/linux/amd64"]["buildType"], "a");
  EXPECT_EQ(doc["buildx.build.provenance/linux/arm64"]["buildType"], "b");
}

TEST(IidFile, IsTheRootDigestWithoutNewline) {
  testing::TempDir dir;
  BuildResult r = IndexResult();
  ASSERT_TRUE(WriteIidFile(dir / "iid", r));
  EXPECT_EQ(*util::ReadFile(dir / "iid"), r.root.digest.str());
  // Replaced whole, as a rename does: a longer old file leaves no tail behind.
  util::WriteFileAtomic(dir / "iid2", std::string(200, 'x')).value();
  ASSERT_TRUE(WriteIidFile(dir / "iid2", r));
  EXPECT_EQ(*util::ReadFile(dir / "iid2"), r.root.digest.str());
}

TEST(IidFile, IsTheConfigDigestForOneImageManifest) {
  testing::TempDir dir;
  BuildResult r;
  r.root.media_type = "application/vnd.oci.image.manifest.v1+json";
  r.root.digest = image::Digest::OfBytes("a manifest");
  PlatformResult p;
  p.config = image::Digest::OfBytes("a config");
  r.platforms.push_back(p);
  ASSERT_TRUE(WriteIidFile(dir / "iid", r));
  EXPECT_EQ(*util::ReadFile(dir / "iid"), p.config.str());
  // One platform with an attestation is an index: its digest, as BuildKit reports no config.
  r.root.media_type = "application/vnd.oci.image.index.v1+json";
  ASSERT_TRUE(WriteIidFile(dir / "iid", r));
  EXPECT_EQ(*util::ReadFile(dir / "iid"), r.root.digest.str());
}

TEST(IidFile, ErrorNamesTheFile) {
  testing::TempDir dir;
  auto path = dir / "missing-dir" / "iid";
  auto written = WriteIidFile(path, IndexResult());
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().What().find("--iidfile " + path.string()), std::string::npos) << written.error().What();
}

}  // namespace
}  // namespace manifold::builder
