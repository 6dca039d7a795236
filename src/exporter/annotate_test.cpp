// ApplyAnnotations over a real content store: manifests rewritten, index over them, descriptors.
#include "exporter/annotate.hpp"

#include <gtest/gtest.h>

#include "image/descriptor_json.hpp"
#include "image/index.hpp"
#include "image/manifest.hpp"
#include "image/media_types.hpp"
#include "support/temp_dir.hpp"

namespace manifold::exporter {
namespace {

image::Platform Linux(std::string arch) {
  image::Platform p;
  p.os = "linux";
  p.architecture = std::move(arch);
  return p;
}

class AnnotateTest : public ::testing::Test {
 protected:
  void SetUp() override { store_.emplace(*content::Store::Open(dir_.path())); }

  PlatformImage Platform(const std::string& arch) {
    PlatformImage p;
    p.platform = Linux(arch);
    std::string config = R"({"architecture":")" + arch + R"(","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})";
    store_->Put(config).value();
    p.config = image::DescriptorOf(image::media_type::kOciConfig, config);
    image::Manifest m;
    m.config = p.config;
    std::string bytes = image::SerializeManifest(m);
    store_->Put(bytes).value();
    p.manifest = image::DescriptorOf(image::media_type::kOciManifest, bytes);
    p.manifest.platform = p.platform;
    return p;
  }

  AssembledImages Images(std::vector<std::string> archs) {
    AssembledImages images;
    for (const auto& a : archs) images.platforms.push_back(Platform(a));
    images.root = *WriteRoot(*store_, images.platforms, image::MediaTypes::kOci);
    return images;
  }

  image::Manifest ManifestAt(const image::Descriptor& d) { return *image::ParseManifest(*store_->Read(d.digest)); }
  image::Index IndexAt(const image::Descriptor& d) { return *image::ParseIndex(*store_->Read(d.digest)); }

  static std::vector<Annotation> Parse(std::initializer_list<const char*> flags) {
    std::vector<Annotation> all;
    for (const char* f : flags) MergeAnnotations(all, *ParseAnnotationFlag(f));
    return all;
  }

  testing::TempDir dir_;
  std::optional<content::Store> store_;
};

TEST_F(AnnotateTest, NoAnnotationsLeaveTheBytesAlone) {
  auto images = Images({"amd64", "arm64"});
  auto out = ApplyAnnotations(*store_, images, {});
  ASSERT_TRUE(out) << out.error().What();
  EXPECT_EQ(out->root, images.root);
}

TEST_F(AnnotateTest, EveryTypeLandsWhereItSays) {
  auto images = Images({"amd64", "arm64"});
  auto out = ApplyAnnotations(*store_, images,
                              Parse({"m=all", "manifest[linux/arm64]:only=arm", "index:i=1",
                                     "manifest-descriptor:md=2", "index-descriptor:id=3"}));
  ASSERT_TRUE(out) << out.error().What();
  EXPECT_NE(out->root.digest, images.root.digest);
  EXPECT_EQ(out->root.annotations.at("id"), "3");
  image::Index index = IndexAt(out->root);
  EXPECT_EQ(index.annotations.at("i"), "1");
  ASSERT_EQ(index.manifests.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const auto& entry = index.manifests[i];
    EXPECT_EQ(entry.digest, out->platforms[i].manifest.digest);
    EXPECT_NE(entry.digest, images.platforms[i].manifest.digest) << "the manifest was rewritten";
    EXPECT_EQ(entry.platform, images.platforms[i].platform);
    EXPECT_EQ(entry.annotations.at("md"), "2");
    image::Manifest m = ManifestAt(entry);
    EXPECT_EQ(m.annotations.at("m"), "all");
    EXPECT_EQ(m.annotations.count("only"), i == 1 ? 1u : 0u) << "the selector picks arm64 alone";
    EXPECT_EQ(m.config, images.platforms[i].config) << "config and layers stay";
    EXPECT_EQ(m.annotations.count("md"), 0u) << "descriptor annotations are not the manifest's";
  }
  EXPECT_EQ(index.annotations.count("id"), 0u);
}

TEST_F(AnnotateTest, OnePlatformRootIsTheAnnotatedManifest) {
  auto images = Images({"arm64"});
  auto out = ApplyAnnotations(*store_, images, Parse({"m=1", "manifest-descriptor:d=2"}));
  ASSERT_TRUE(out) << out.error().What();
  EXPECT_EQ(out->root.digest, out->platforms[0].manifest.digest);
  EXPECT_EQ(out->root.annotations.at("d"), "2");
  EXPECT_EQ(ManifestAt(out->root).annotations.at("m"), "1");
}

TEST_F(AnnotateTest, IndexTypesNeedAnIndex) {
  auto images = Images({"arm64"});
  for (const char* flag : {"index:k=v", "index-descriptor:k=v"}) {
    auto out = ApplyAnnotations(*store_, images, Parse({flag}));
    ASSERT_FALSE(out) << flag;
    EXPECT_NE(out.error().What().find("single manifest"), std::string::npos) << out.error().What();
  }
}

TEST_F(AnnotateTest, PlatformNotBuiltIsRefused) {
  auto images = Images({"amd64", "arm64"});
  auto out = ApplyAnnotations(*store_, images, Parse({"manifest[linux/s390x]:k=v"}));
  ASSERT_FALSE(out);
  EXPECT_NE(out.error().What().find("linux/s390x"), std::string::npos) << out.error().What();
}

TEST_F(AnnotateTest, EntriesReferringToAManifestFollowIt) {
  auto images = Images({"amd64", "arm64"});
  // An attestation-like entry pointing at amd64's manifest.
  image::Index index = IndexAt(images.root);
  image::Manifest attestation;
  attestation.config = images.platforms[0].config;
  attestation.annotations["kind"] = "attestation";
  std::string attestation_bytes = image::SerializeManifest(attestation);
  store_->Put(attestation_bytes).value();
  image::Descriptor extra = image::DescriptorOf(image::media_type::kOciManifest, attestation_bytes);
  extra.platform = image::Platform{"unknown", "unknown", "", "", {}};
  extra.annotations["vnd.docker.reference.digest"] = images.platforms[0].manifest.digest.str();
  index.manifests.push_back(extra);
  std::string bytes = image::SerializeIndex(index);
  store_->Put(bytes).value();
  images.root = image::DescriptorOf(image::media_type::kOciIndex, bytes);
  auto out = ApplyAnnotations(*store_, images, Parse({"m=1"}));
  ASSERT_TRUE(out) << out.error().What();
  image::Index rewritten = IndexAt(out->root);
  ASSERT_EQ(rewritten.manifests.size(), 3u);
  EXPECT_EQ(rewritten.manifests[2].annotations.at("vnd.docker.reference.digest"),
            out->platforms[0].manifest.digest.str());
  EXPECT_EQ(rewritten.manifests[2].digest, extra.digest) << "the entry itself is not an image manifest of ours";
}

TEST(AnnotationPlace, WhichOutputsHaveWhichDocuments) {
  auto one = [](const char* f) { return (*ParseAnnotationFlag(f))[0]; };
  EXPECT_TRUE(AnnotationHasPlace(one("k=v"), false, false));
  EXPECT_FALSE(AnnotationHasPlace(one("index:k=v"), false, true));
  EXPECT_TRUE(AnnotationHasPlace(one("index:k=v"), true, false));
  EXPECT_FALSE(AnnotationHasPlace(one("manifest-descriptor:k=v"), false, false)) << "a one-platform push";
  EXPECT_TRUE(AnnotationHasPlace(one("manifest-descriptor:k=v"), false, true)) << "an archive's index.json";
  EXPECT_FALSE(AnnotationHasPlace(one("index-descriptor:k=v"), true, false)) << "a push has no index.json";
  EXPECT_TRUE(AnnotationHasPlace(one("index-descriptor:k=v"), true, true));
}

}  // namespace
}  // namespace manifold::exporter
