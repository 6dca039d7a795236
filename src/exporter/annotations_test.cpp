// --annotation values and annotation* output keys, parsed as buildx and BuildKit read them.
#include "exporter/annotations.hpp"

#include <gtest/gtest.h>

namespace manifold::exporter {
namespace {

image::Platform Linux(std::string arch, std::string variant = "") {
  image::Platform p;
  p.os = "linux";
  p.architecture = std::move(arch);
  p.variant = std::move(variant);
  return p;
}

TEST(AnnotationFlag, NoTypeAnnotatesTheManifests) {
  auto a = ParseAnnotationFlag("org.opencontainers.image.title=My app");
  ASSERT_TRUE(a) << a.error().What();
  ASSERT_EQ(a->size(), 1u);
  EXPECT_EQ((*a)[0].type, AnnotationType::kManifest);
  EXPECT_FALSE((*a)[0].platform);
  EXPECT_EQ((*a)[0].key, "org.opencontainers.image.title");
  EXPECT_EQ((*a)[0].value, "My app");
}

TEST(AnnotationFlag, TypesPlatformsAndValuesWithSeparators) {
  struct Row {
    const char* text;
    std::vector<AnnotationType> types;
    std::optional<image::Platform> platform;
    const char* key;
    const char* value;
  };
  const Row rows[] = {
      {"index,manifest:k=v", {AnnotationType::kIndex, AnnotationType::kManifest}, std::nullopt, "k", "v"},
      {"manifest[linux/amd64]:k=v", {AnnotationType::kManifest}, Linux("amd64"), "k", "v"},
      {"manifest-descriptor[linux/arm/v7]:a.b=x=y", {AnnotationType::kManifestDescriptor}, Linux("arm", "v7"), "a.b",
       "x=y"},
      {"index-descriptor:k=", {AnnotationType::kIndexDescriptor}, std::nullopt, "k", ""},
      {"manifest[linux/aarch64]:url=https://x.example/a:b", {AnnotationType::kManifest}, Linux("arm64"), "url",
       "https://x.example/a:b"},
  };
  for (const auto& row : rows) {
    auto a = ParseAnnotationFlag(row.text);
    ASSERT_TRUE(a) << row.text << ": " << a.error().What();
    ASSERT_EQ(a->size(), row.types.size()) << row.text;
    for (size_t i = 0; i < a->size(); ++i) {
      EXPECT_EQ((*a)[i].type, row.types[i]) << row.text;
      EXPECT_EQ((*a)[i].platform, row.platform) << row.text;
      EXPECT_EQ((*a)[i].key, row.key) << row.text;
      EXPECT_EQ((*a)[i].value, row.value) << row.text;
    }
  }
}

TEST(AnnotationFlag, BadValuesAreRefusedNamingThem) {
  for (const char* bad : {"novalue", "=v", "index:=v", "bogus:k=v", "index[linux/amd64]:k=v",
                          "manifest[linux/amd64:k=v", "manifest[]:k=v", "manifest[not/a/valid/platform/x]:k=v",
                          "index,:k=v"}) {
    auto a = ParseAnnotationFlag(bad);
    EXPECT_FALSE(a) << bad;
    if (!a) {
      EXPECT_NE(a.error().What().find("--annotation"), std::string::npos) << a.error().What();
    }
  }
}

TEST(AnnotationKey, OutputKeyForms) {
  EXPECT_TRUE(IsAnnotationKey("annotation.k"));
  EXPECT_TRUE(IsAnnotationKey("annotation-index.k"));
  EXPECT_TRUE(IsAnnotationKey("annotation[linux/amd64].k"));
  EXPECT_FALSE(IsAnnotationKey("annotations"));
  EXPECT_FALSE(IsAnnotationKey("name"));

  auto plain = ParseAnnotationKey("annotation.org.opencontainers.image.title", "t");
  ASSERT_TRUE(plain) << plain.error().What();
  EXPECT_EQ(plain->type, AnnotationType::kManifest);
  EXPECT_EQ(plain->key, "org.opencontainers.image.title");

  auto typed = ParseAnnotationKey("annotation-manifest-descriptor[linux/arm64].a.b", "v");
  ASSERT_TRUE(typed) << typed.error().What();
  EXPECT_EQ(typed->type, AnnotationType::kManifestDescriptor);
  EXPECT_EQ(typed->platform, Linux("arm64"));
  EXPECT_EQ(typed->key, "a.b");

  auto selected = ParseAnnotationKey("annotation[linux/amd64].k", "v");
  ASSERT_TRUE(selected) << selected.error().What();
  EXPECT_EQ(selected->type, AnnotationType::kManifest);
  EXPECT_EQ(selected->platform, Linux("amd64"));

  auto index = ParseAnnotationKey("annotation-index-descriptor.k", "v");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->type, AnnotationType::kIndexDescriptor);

  for (const char* bad : {"annotation-bogus.k", "annotation-index", "annotation.", "annotation[linux/amd64]k",
                          "annotation-index[linux/amd64].k", "annotationx.k"}) {
    EXPECT_FALSE(ParseAnnotationKey(bad, "v")) << bad;
  }
}

TEST(AnnotationMerge, LaterSameTargetWins) {
  std::vector<Annotation> all = *ParseAnnotationFlag("k=1");
  MergeAnnotations(all, *ParseAnnotationFlag("index:k=2"));
  MergeAnnotations(all, *ParseAnnotationFlag("manifest:k=3"));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].type, AnnotationType::kIndex);
  EXPECT_EQ(all[1].value, "3");
}

}  // namespace
}  // namespace manifold::exporter
