// NamedRoots: index.json entries named as BuildKit's oci/docker exporters name them.
#include "exporter/layout_names.hpp"

#include <gtest/gtest.h>

#include "content/oci_layout.hpp"

namespace manifold::exporter {
namespace {

image::Descriptor Root() {
  image::Descriptor d;
  d.media_type = "application/vnd.oci.image.index.v1+json";
  d.digest = image::Digest::OfBytes("index");
  d.size = 5;
  d.platform = image::Platform{"linux", "amd64", "", "", {}};
  d.annotations["from.build"] = "kept";
  return d;
}

TEST(NamedRoots, OneEntryPerNormalizedName) {
  auto roots = NamedRoots(Root(), {"app", "localhost:5000/team/app:1.0", "ghcr.io/o/r:v2"}, 1700000000);
  ASSERT_TRUE(roots) << roots.error().What();
  ASSERT_EQ(roots->size(), 3u);
  const std::string ref(content::kRefNameAnnotation);
  EXPECT_EQ((*roots)[0].annotations.at("io.containerd.image.name"), "docker.io/library/app:latest");
  EXPECT_EQ((*roots)[0].annotations.at(ref), "latest");
  EXPECT_EQ((*roots)[1].annotations.at("io.containerd.image.name"), "localhost:5000/team/app:1.0");
  EXPECT_EQ((*roots)[1].annotations.at(ref), "1.0");
  EXPECT_EQ((*roots)[2].annotations.at(ref), "v2");
  for (const auto& r : *roots) {
    EXPECT_FALSE(r.platform);
    EXPECT_EQ(r.digest, Root().digest);
    EXPECT_EQ(r.annotations.at("from.build"), "kept");
    EXPECT_EQ(r.annotations.at("org.opencontainers.image.created"), "2023-11-14T22:13:20Z");
  }
}

TEST(NamedRoots, UnnamedAndBadNames) {
  auto unnamed = NamedRoots(Root(), {}, std::nullopt);
  ASSERT_TRUE(unnamed);
  ASSERT_EQ(unnamed->size(), 1u);
  EXPECT_EQ(unnamed->front().annotations.count("io.containerd.image.name"), 0u);
  EXPECT_EQ(unnamed->front().annotations.at("org.opencontainers.image.created").size(), 20u);
  EXPECT_FALSE(NamedRoots(Root(), {"Bad/Name"}, std::nullopt));
}

}  // namespace
}  // namespace manifold::exporter
