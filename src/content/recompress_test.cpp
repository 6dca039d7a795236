// Recompress (force-compression): same tar inside, new compression outside, checked by system tools.
#include "content/recompress.hpp"

#include <zstd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "image/media_types.hpp"
#include "support/shell_output.hpp"
#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"

namespace manifold::content {
namespace {

// Bytes standing in for a tar stream: recompression never looks inside.
std::string Payload(size_t size) {
  std::mt19937 rng(7);
  std::string out(size, 'a');
  for (size_t i = 0; i < size; i += 3) out[i] = static_cast<char>(rng());
  return out;
}

LayerResult Write(const Store& store, const std::string& bytes, Compression compression) {
  CompressorOptions o;
  o.compression = compression;
  auto writer = *LayerWriter::Create(store, o);
  EXPECT_TRUE(writer->Write(bytes));
  return *writer->Finish();
}

TEST(Recompress, EveryPairKeepsTheDiffId) {
  testing::TempDir dir;
  auto store = *Store::Open(dir.path());
  const std::string tar = Payload(3 << 20);
  for (Compression from : {Compression::kGzip, Compression::kZstd, Compression::kUncompressed}) {
    LayerResult original = Write(store, tar, from);
    for (Compression to : {Compression::kGzip, Compression::kZstd, Compression::kUncompressed}) {
      CompressorOptions o;
      o.compression = to;
      auto out = Recompress(store, original, o);
      ASSERT_TRUE(out) << out.error().What();
      EXPECT_EQ(out->diff_id, original.diff_id);
      EXPECT_EQ(out->descriptor.media_type, LayerMediaType(to));
      EXPECT_EQ(LayerCompressionOf(out->descriptor.media_type), to);
      EXPECT_EQ(out->uncompressed_size, static_cast<int64_t>(tar.size()));
      if (from != to) {
        EXPECT_NE(out->descriptor.digest, original.descriptor.digest);
      }
      ASSERT_TRUE(store.Verify(out->descriptor.digest));
    }
  }
  // zstd(1) itself reads the recompressed blob back to the same bytes.
  LayerResult gz = Write(store, tar, Compression::kGzip);
  CompressorOptions zstd;
  zstd.compression = Compression::kZstd;
  auto z = *Recompress(store, gz, zstd);
  std::string path = store.BlobPath(z.descriptor.digest).string();
  if (std::system("command -v zstd >/dev/null 2>&1") == 0) {
    EXPECT_EQ(testing::ShellOutput("zstd -dc " + path + " | sha256sum").substr(0, 64), std::string(gz.diff_id.hex()));
  }
}

// A zstd blob of several frames (ZstdCompressor writes incompressible chunks as raw frames):
// libarchive's reader goes on past the first frame.
TEST(Recompress, ReadsZstdOfSeveralFrames) {
  testing::TempDir dir;
  auto store = *Store::Open(dir.path());
  std::mt19937 rng(9);
  std::string random(4 << 20, '\0');
  for (auto& c : random) c = static_cast<char>(rng());
  const std::string tar = Payload(2 << 20) + random + Payload(1 << 20);
  LayerResult zst = Write(store, tar, Compression::kZstd);
  std::string blob = *util::ReadFile(store.BlobPath(zst.descriptor.digest));
  size_t first = ZSTD_findFrameCompressedSize(blob.data(), blob.size());
  ASSERT_FALSE(ZSTD_isError(first));
  ASSERT_LT(first, blob.size()) << "one frame only";
  CompressorOptions o;
  o.compression = Compression::kUncompressed;
  auto out = Recompress(store, zst, o);
  ASSERT_TRUE(out) << out.error().What();
  EXPECT_EQ(out->diff_id, zst.diff_id);
  EXPECT_EQ(out->uncompressed_size, static_cast<int64_t>(tar.size()));
}

TEST(Recompress, MediaTypesAndMismatches) {
  EXPECT_EQ(LayerCompressionOf(image::media_type::kDockerLayerGzip), Compression::kGzip);
  EXPECT_EQ(LayerCompressionOf(image::media_type::kOciLayer), Compression::kUncompressed);
  EXPECT_FALSE(LayerCompressionOf("application/vnd.oci.image.layer.v1.tar+encrypted"));
  testing::TempDir dir;
  auto store = *Store::Open(dir.path());
  LayerResult layer = Write(store, Payload(1000), Compression::kGzip);
  layer.diff_id = image::Digest::OfBytes("something else");
  CompressorOptions o;
  o.compression = Compression::kZstd;
  auto out = Recompress(store, layer, o);
  ASSERT_FALSE(out);
  EXPECT_NE(out.error().What().find("diffID"), std::string::npos) << out.error().What();
}

}  // namespace
}  // namespace manifold::content
