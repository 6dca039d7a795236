// Tests of content::LayerWriter: digests against sha256sum, diffIDs, one blob per content.
#include "content/layer_writer.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "image/media_types.hpp"
#include "support/shell_output.hpp"
#include "support/string_sink.hpp"
#include "support/temp_dir.hpp"

namespace manifold::content {
namespace {

std::string Payload(size_t size, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string out(size, '\0');
  for (size_t i = 0; i < size; ++i) out[i] = (i / 8192) % 3 ? static_cast<char>(rng()) : 'z';
  return out;
}

std::string Sha256Sum(const std::string& cmd) { return testing::ShellOutput(cmd + " | sha256sum").substr(0, 64); }

CompressorOptions Opts(Compression compression) {
  CompressorOptions o;
  o.compression = compression;
  return o;
}

LayerResult WriteLayer(const Store& store, Compression compression, std::string_view tar,
                       size_t chunk) {
  auto writer = LayerWriter::Create(store, Opts(compression));
  EXPECT_TRUE(writer) << writer.error().What();
  for (size_t off = 0; off < tar.size(); off += chunk) {
    EXPECT_TRUE((*writer)->Write(tar.substr(off, chunk)));
  }
  auto result = (*writer)->Finish();
  EXPECT_TRUE(result) << result.error().What();
  return *result;
}

TEST(LayerWriterTest, DigestAndDiffIdMatchSystemTools) {
  testing::TempDir dir;
  auto store = Store::Open(dir / "root");
  ASSERT_TRUE(store);
  std::string tar = Payload(3 * 1024 * 1024 + 99, 1);
  struct Case {
    Compression compression;
    std::string_view media_type;
    const char* decompress;
  };
  for (const Case& c : {Case{Compression::kGzip, image::media_type::kOciLayerGzip, "gzip -dc"},
                        Case{Compression::kZstd, image::media_type::kOciLayerZstd, "zstd -dc"},
                        Case{Compression::kUncompressed, image::media_type::kOciLayer, "cat"}}) {
    LayerResult r = WriteLayer(*store, c.compression, tar, 65'536);
    std::string blob = store->BlobPath(r.descriptor.digest).string();
    EXPECT_EQ(r.descriptor.media_type, c.media_type);
    EXPECT_EQ(r.descriptor.digest.hex(), Sha256Sum("cat " + blob));
    EXPECT_EQ(r.descriptor.size, static_cast<int64_t>(std::filesystem::file_size(blob)));
    EXPECT_EQ(r.diff_id.hex(), Sha256Sum(std::string(c.decompress) + " " + blob));
    EXPECT_EQ(r.diff_id, image::Digest::OfBytes(tar));
    EXPECT_EQ(r.uncompressed_size, static_cast<int64_t>(tar.size()));
    if (c.compression == Compression::kUncompressed) {
      EXPECT_EQ(r.descriptor.digest, r.diff_id);
    }
    ASSERT_TRUE(store->Verify(r.descriptor.digest));
  }
}

TEST(LayerWriterTest, IdenticalStreamsAreOneBlob) {
  testing::TempDir dir;
  auto store = Store::Open(dir / "root");
  ASSERT_TRUE(store);
  std::string tar = Payload(2 * 1024 * 1024 + 5, 2);
  for (Compression c : {Compression::kGzip, Compression::kZstd}) {
    LayerResult a = WriteLayer(*store, c, tar, 4096);
    LayerResult b = WriteLayer(*store, c, tar, 1'000'003);
    EXPECT_EQ(a.descriptor, b.descriptor);
    EXPECT_EQ(a.diff_id, b.diff_id);
  }
  size_t blobs = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir / "root/content/blobs/sha256")) {
    (void)e;
    ++blobs;
  }
  EXPECT_EQ(blobs, 2u);
}

TEST(LayerWriterTest, AbandonedWriterPublishesNothing) {
  testing::TempDir dir;
  auto store = Store::Open(dir / "root");
  ASSERT_TRUE(store);
  {
    auto writer = LayerWriter::Create(*store, Opts(Compression::kGzip));
    ASSERT_TRUE(writer);
    ASSERT_TRUE((*writer)->Write(Payload(3 * 1024 * 1024, 3)));
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir / "root/content/blobs/sha256") ||
              !std::filesystem::exists(dir / "root/content/blobs/sha256"));
  EXPECT_TRUE(std::filesystem::is_empty(store->IngestDir()));
}

TEST(LayerWriterTest, SinkModeHashesWhatItWrites) {
  testing::StringSink sink;
  auto writer = LayerWriter::Create(sink, Opts(Compression::kGzip));
  ASSERT_TRUE(writer);
  std::string tar = Payload(1'500'000, 4);
  ASSERT_TRUE((*writer)->Write(tar));
  auto r = (*writer)->Finish();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->descriptor.digest, image::Digest::OfBytes(sink.out));
  EXPECT_EQ(r->descriptor.size, static_cast<int64_t>(sink.out.size()));
  EXPECT_EQ(r->diff_id, image::Digest::OfBytes(tar));
  EXPECT_FALSE((*writer)->Write("more"));
  EXPECT_FALSE((*writer)->Finish());
}

}  // namespace
}  // namespace manifold::content
