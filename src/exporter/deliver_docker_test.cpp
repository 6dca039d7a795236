// The docker archive's bytes: the same whether its blobs are kernel-copied or verified on the way.
#include "exporter/deliver_docker.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "content/oci_layout_test_image.hpp"
#include "support/pipe_capture.hpp"
#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"

namespace manifold::exporter {
namespace {

// The amd64 image of the test image, as the exporter describes a build of it.
AssembledImages Amd64Of(const content::Store& store, const content::TestImage& image) {
  auto index = nlohmann::json::parse(image.index_bytes);
  const auto& m = index["manifests"][0];
  PlatformImage p;
  p.platform = image::Platform{"linux", "amd64", "", "", {}};
  p.manifest.media_type = m["mediaType"].get<std::string>();
  p.manifest.digest = *image::Digest::Parse(m["digest"].get<std::string>());
  p.manifest.size = m["size"].get<int64_t>();
  p.config.media_type = image::media_type::kOciConfig;
  p.config.digest = image.config_amd64;
  p.config.size = *store.Size(image.config_amd64);
  image::Descriptor layer;
  layer.media_type = image::media_type::kOciLayerGzip;
  layer.digest = image.layer;
  layer.size = *store.Size(image.layer);
  p.layers.push_back(layer);
  return AssembledImages{p.manifest, {p}};
}

util::Result<std::string> ArchiveBytes(const content::Store& store, const AssembledImages& images, bool pipe,
                                       const std::filesystem::path& file) {
  const std::vector<std::string> names{"app:1"};
  if (!pipe) {
    auto out = MANIFOLD_TRY(util::TempFile::Create(file));
    MANIFOLD_CHECK(WriteDockerArchive(store, images, names, 1700000000, out.fd(), "test archive"));
    MANIFOLD_CHECK(out.Commit());
    return util::ReadFile(file);
  }
  util::Status st;
  std::string piped = testing::CaptureThroughPipe(
      [&](int fd) { st = WriteDockerArchive(store, images, names, 1700000000, fd, "test archive"); });
  MANIFOLD_CHECK(st);
  return piped;
}

TEST(WriteDockerArchive, SameBytesKernelCopiedPipedOrVerified) {
  testing::TempDir dir;
  auto writer = *content::Store::Open(dir / "root");
  auto image = content::BuildTestImage(writer, "");
  ASSERT_TRUE(image) << image.error().What();
  const AssembledImages images = Amd64Of(writer, *image);
  auto verifier = *content::Store::Open(dir / "root");  // did not write the blobs: hashes them
  ASSERT_TRUE(writer.VerifiedOnWrite(image->layer));
  ASSERT_FALSE(verifier.VerifiedOnWrite(image->layer));

  auto fast = ArchiveBytes(writer, images, false, dir / "fast.tar");
  ASSERT_TRUE(fast) << fast.error().What();
  EXPECT_NE(fast->find("manifest.json"), std::string::npos);
  for (auto [store, pipe] : {std::pair{&writer, true}, {&verifier, false}, {&verifier, true}}) {
    auto other = ArchiveBytes(*store, images, pipe, dir / "other.tar");
    ASSERT_TRUE(other) << other.error().What();
    EXPECT_TRUE(*other == *fast) << "verified " << (store == &verifier) << " pipe " << pipe;
  }
}

}  // namespace
}  // namespace manifold::exporter
