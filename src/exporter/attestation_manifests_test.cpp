// Attestation manifests as BuildKit lays them out, and referrer manifests with their subject.
#include "exporter/attestation_manifests.hpp"

#include <gtest/gtest.h>

#include "image/descriptor_json.hpp"
#include "image/in_toto.hpp"
#include "image/index.hpp"
#include "image/manifest.hpp"
#include "image/media_types.hpp"
#include "support/temp_dir.hpp"

namespace manifold::exporter {
namespace {

image::Platform P(std::string arch) {
  image::Platform p;
  p.os = "linux";
  p.architecture = std::move(arch);
  return p;
}

// Two "images" whose manifests are just bytes in the store (the attachment never reads them).
AssembledImages TwoImages(const content::Store& store) {
  AssembledImages images;
  for (std::string arch : {"amd64", "arm64"}) {
    std::string bytes = R"({"schemaVersion":2,"arch":")" + arch + "\"}";
    EXPECT_TRUE(store.Put(bytes));
    PlatformImage image;
    image.platform = P(arch);
    image.manifest = image::DescriptorOf(image::media_type::kOciManifest, bytes);
    image.manifest.platform = image.platform;
    images.platforms.push_back(image);
  }
  images.root = images.platforms[0].manifest;
  return images;
}

Attestations Provenance(const AssembledImages& images) {
  Attestations a;
  for (const auto& p : images.platforms) {
    a.platforms.push_back({p.platform, {{"https://slsa.dev/provenance/v0.2", {{"buildType", "t"}}}}});
  }
  a.subject_names = {"localhost:5000/app:1.0"};
  return a;
}

TEST(AttestationManifests, IndexListsImagesThenAttestationManifests) {
  testing::TempDir dir;
  auto store = content::Store::Open(dir.path());
  ASSERT_TRUE(store);
  auto images = TwoImages(*store);
  auto attached = WithAttestationManifests(*store, images, Provenance(images));
  ASSERT_TRUE(attached) << attached.error().Describe();
  auto index = image::ParseIndex(*store->Read(attached->root.digest));
  ASSERT_TRUE(index);
  ASSERT_EQ(index->manifests.size(), 4u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(index->manifests[i].digest, images.platforms[i].manifest.digest);
    const auto& a = index->manifests[2 + i];
    ASSERT_TRUE(a.platform);
    EXPECT_EQ(a.platform->os, "unknown");
    EXPECT_EQ(a.platform->architecture, "unknown");
    EXPECT_EQ(a.annotations.at("vnd.docker.reference.type"), "attestation-manifest");
    EXPECT_EQ(a.annotations.at("vnd.docker.reference.digest"), images.platforms[i].manifest.digest.str());
    auto manifest = image::ParseManifest(*store->Read(a.digest));
    ASSERT_TRUE(manifest);
    ASSERT_EQ(manifest->layers.size(), 1u);
    EXPECT_EQ(manifest->layers[0].media_type, "application/vnd.in-toto+json");
    EXPECT_EQ(manifest->layers[0].annotations.at("in-toto.io/predicate-type"), "https://slsa.dev/provenance/v0.2");
    auto config = nlohmann::json::parse(*store->Read(manifest->config.digest));
    EXPECT_EQ(config["architecture"], "unknown");
    EXPECT_EQ(config["rootfs"]["diff_ids"][0], manifest->layers[0].digest.str());
    auto statement = image::ParseStatement(*store->Read(manifest->layers[0].digest));
    ASSERT_TRUE(statement);
    EXPECT_EQ(statement->subjects[0].digest, images.platforms[i].manifest.digest);
  }
}

TEST(AttestationManifests, OnePlatformBecomesAnIndex) {
  testing::TempDir dir;
  auto store = content::Store::Open(dir.path());
  auto images = TwoImages(*store);
  images.platforms.pop_back();
  auto attached = WithAttestationManifests(*store, images, Provenance(images));
  ASSERT_TRUE(attached);
  EXPECT_EQ(attached->root.media_type, image::media_type::kOciIndex);
  EXPECT_EQ(image::ParseIndex(*store->Read(attached->root.digest))->manifests.size(), 2u);
}

TEST(AttestationManifests, PlatformWithoutImageIsAnInternalError) {
  testing::TempDir dir;
  auto store = content::Store::Open(dir.path());
  auto images = TwoImages(*store);
  Attestations a = Provenance(images);
  a.platforms[1].platform = P("s390x");
  auto attached = WithAttestationManifests(*store, images, a);
  ASSERT_FALSE(attached);
  EXPECT_NE(attached.error().Describe().find("linux/s390x"), std::string::npos);
}

TEST(AttestationManifests, ReferrersHaveSubjectArtifactTypeAndEmptyConfig) {
  testing::TempDir dir;
  auto store = content::Store::Open(dir.path());
  auto images = TwoImages(*store);
  auto referrers = WriteReferrerManifests(*store, images, Provenance(images));
  ASSERT_TRUE(referrers) << referrers.error().Describe();
  ASSERT_EQ(referrers->size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const auto& r = (*referrers)[i];
    EXPECT_EQ(r.subject, images.platforms[i].manifest.digest);
    EXPECT_EQ(r.manifest.artifact_type, "application/vnd.in-toto+json");
    auto manifest = image::ParseManifest(*store->Read(r.manifest.digest));
    ASSERT_TRUE(manifest);
    ASSERT_TRUE(manifest->subject);
    EXPECT_EQ(manifest->subject->digest, images.platforms[i].manifest.digest);
    EXPECT_FALSE(manifest->subject->platform) << "a subject is a plain descriptor";
    EXPECT_EQ(manifest->config.media_type, "application/vnd.oci.empty.v1+json");
    EXPECT_EQ(manifest->config.size, 2);
    EXPECT_EQ(manifest->artifact_type, "application/vnd.in-toto+json");
  }
}

}  // namespace
}  // namespace manifold::exporter
