// Tests of the compressors: round trips, determinism across threads and chunking, system tools.
#include "content/compress.hpp"

#include <zlib.h>
#include <zstd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <vector>

#include "content/compress_gzip.hpp"
#include "support/string_sink.hpp"
#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"

namespace manifold::content {
namespace {

using testing::StringSink;

class FailingSink final : public ByteSink {
 public:
  util::Status Write(std::string_view) override {
    return util::Fail(util::ErrorKind::kUnavailable, "disk full");
  }
};

// Alternating 4 KiB runs of random bytes and text: every sample of a block finds some text, so
// gzip deflates it (see RandomBytes for the stored case).
std::string Payload(size_t size, uint32_t seed = 7) {
  std::mt19937 rng(seed);
  std::string out(size, '\0');
  for (size_t i = 0; i < size; ++i) {
    out[i] = (i / 4096) % 2 ? static_cast<char>(rng()) : static_cast<char>('a' + (i * 7 / 13) % 26);
  }
  return out;
}

std::string RandomBytes(size_t size, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string out(size, '\0');
  for (auto& c : out) c = static_cast<char>(rng());
  return out;
}

std::string TextBytes(size_t size) {
  std::string out(size, '\0');
  for (size_t i = 0; i < size; ++i) out[i] = static_cast<char>('a' + (i * 7 / 13) % 26);
  return out;
}

std::string Gunzip(const std::string& gz) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 16 + 15), Z_OK);
  std::string out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  char buf[65536];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof(buf);
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - z.avail_out);
  }
  EXPECT_EQ(rc, Z_STREAM_END) << z.msg;
  EXPECT_EQ(z.avail_in, 0u) << "trailing bytes after the gzip member";
  inflateEnd(&z);
  return out;
}

std::string Unzstd(const std::string& data) {
  std::string out;
  ZSTD_DCtx* d = ZSTD_createDCtx();
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  std::string buf(1 << 16, '\0');
  size_t rc = 0;
  // Past the end of a frame (rc == 0) too: a stream is one or more frames (RFC 8878 §3.1).
  for (;;) {
    ZSTD_outBuffer o{buf.data(), buf.size(), 0};
    rc = ZSTD_decompressStream(d, &o, &in);
    EXPECT_FALSE(ZSTD_isError(rc)) << ZSTD_getErrorName(rc);
    if (ZSTD_isError(rc)) break;
    out.append(buf.data(), o.pos);
    // rc == 0: the frame is decoded and flushed, even if that filled `buf` exactly.
    if (in.pos == in.size && (rc == 0 || o.pos < o.size)) break;
  }
  ZSTD_freeDCtx(d);
  EXPECT_EQ(rc, 0u) << "the stream ends inside a frame";
  return out;
}

CompressorOptions Opts(Compression compression, std::optional<int> level = std::nullopt,
                       int threads = 0) {
  CompressorOptions o;
  o.compression = compression;
  o.level = level;
  o.threads = threads;
  return o;
}

std::string Compress(const CompressorOptions& options, std::string_view input,
                     size_t chunk = 100'000) {
  StringSink sink;
  auto c = MakeCompressor(options, sink);
  EXPECT_TRUE(c) << c.error().What();
  for (size_t off = 0; off < input.size(); off += chunk) {
    EXPECT_TRUE((*c)->Write(input.substr(off, chunk)));
  }
  EXPECT_TRUE((*c)->Finish());
  return sink.out;
}

std::string GzipBlocks(std::string_view input, int level, int threads, size_t block,
                       size_t chunk) {
  StringSink sink;
  ParallelGzip gz(sink, level, threads, block);
  for (size_t off = 0; off < input.size(); off += chunk) {
    EXPECT_TRUE(gz.Write(input.substr(off, chunk)));
  }
  EXPECT_TRUE(gz.Finish());
  return sink.out;
}

TEST(ParallelGzipTest, RoundTripsAroundBlockBoundaries) {
  constexpr size_t kBlock = 64 * 1024;
  for (size_t size : {size_t{0}, size_t{1}, kBlock - 1, kBlock, kBlock + 1, 7 * kBlock + 123}) {
    std::string input = Payload(size);
    for (int level = 0; level <= 3; ++level) {
      std::string gz = GzipBlocks(input, level, 2, kBlock, 10'007);
      ASSERT_GE(gz.size(), 18u);
      EXPECT_EQ(Gunzip(gz), input) << "size " << size << " level " << level;
    }
  }
}

TEST(ParallelGzipTest, BytesDependOnlyOnInputNotThreadsOrChunking) {
  std::string input = Payload(3 * 1024 * 1024 + 17, 3);
  std::string reference = GzipBlocks(input, 1, 1, 256 * 1024, 1 << 20);
  EXPECT_EQ(GzipBlocks(input, 1, 2, 256 * 1024, 4096), reference);
  EXPECT_EQ(GzipBlocks(input, 1, 4, 256 * 1024, 333'333), reference);
  EXPECT_EQ(Gunzip(reference), input);
}

TEST(ParallelGzipTest, DictionaryPrimingHelpsRepetitiveInput) {
  // The same 16 KiB repeated: with the previous block as dictionary every block after the
  // first is almost free; without it each block would pay for the pattern again.
  std::string unit = Payload(16 * 1024, 11);
  for (auto& c : unit) c = static_cast<char>(static_cast<unsigned char>(c) | 1);
  std::string input;
  while (input.size() < 2 * 1024 * 1024) input += unit;
  std::string gz = GzipBlocks(input, 1, 2, 64 * 1024, 1 << 20);
  EXPECT_EQ(Gunzip(gz), input);
  EXPECT_LT(gz.size(), 64 * 1024u) << "blocks do not reuse the previous block's history";
}

TEST(ParallelGzipTest, IncompressibleBlocksAreStoredNotDeflated) {
  // Random bytes: each block becomes stored blocks, 5 bytes of framing per 64 KiB, where
  // deflate's Huffman blocks would cost more (and a compressor's pass).
  constexpr size_t kBlock = 256 * 1024;
  std::string input = RandomBytes(5 * kBlock / 2, 21);  // the final block is stored too
  for (int level = 0; level <= 3; ++level) {
    std::string gz = GzipBlocks(input, level, 2, kBlock, 50'000);
    EXPECT_EQ(Gunzip(gz), input) << "level " << level;
    size_t stored_blocks = (kBlock / 65535 + 1) * 2 + (kBlock / 2 / 65535 + 1);
    EXPECT_EQ(gz.size(), 10 + input.size() + 5 * stored_blocks + 8) << "level " << level;
  }
}

TEST(ParallelGzipTest, CompressibleBlocksAreStillDeflated) {
  constexpr size_t kBlock = 256 * 1024;
  // A random block, a text block, then a block whose first sample is random but whose other
  // samples are text: one compressible sample is enough to deflate a block.
  std::string mixed = RandomBytes(kBlock / 8, 5) + TextBytes(kBlock - kBlock / 8);
  std::string input = RandomBytes(kBlock, 4) + TextBytes(kBlock) + mixed;
  std::string gz = GzipBlocks(input, 1, 2, kBlock, 1 << 20);
  EXPECT_EQ(Gunzip(gz), input);
  // The random block is stored whole; the other two shrink to almost nothing but the random
  // eighth of the mixed one.
  EXPECT_LT(gz.size(), kBlock + kBlock / 8 + kBlock / 16);
  EXPECT_GT(gz.size(), kBlock + kBlock / 8);
  // Each block is judged alone: the same bytes whatever the threads and write sizes.
  EXPECT_EQ(GzipBlocks(input, 1, 1, kBlock, 4096), gz);
  EXPECT_EQ(GzipBlocks(input, 1, 3, kBlock, 77'777), gz);
}

TEST(ParallelGzipTest, SinkErrorsSurface) {
  FailingSink sink;
  ParallelGzip gz(sink, 1, 2, 64 * 1024);
  std::string input = Payload(1024 * 1024);
  util::Status st = gz.Write(input);
  if (st) st = gz.Finish();
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().What().find("disk full"), std::string::npos);
  EXPECT_FALSE(gz.Finish());
}

TEST(CompressorTest, SystemToolsAcceptOutputs) {
  testing::TempDir dir;
  // Mixed blocks and, after them, incompressible ones (gzip stores those).
  std::string input = Payload(5 * 1024 * 1024 + 5) + RandomBytes(3 * 1024 * 1024 + 3, 9);
  struct Case {
    Compression compression;
    const char* file;
    const char* check;
  };
  for (const Case& c : {Case{Compression::kGzip, "x.gz", "gzip -t"},
                        Case{Compression::kZstd, "x.zst", "zstd -q -t"}}) {
    std::string tool = std::string(c.check).substr(0, 4);
    if (std::system(("command -v " + tool + " >/dev/null").c_str()) != 0) {
      GTEST_SKIP() << tool << " not installed";
    }
    auto path = dir / c.file;
    ASSERT_TRUE(util::WriteFileAtomic(path, Compress(Opts(c.compression), input)));
    EXPECT_EQ(std::system((std::string(c.check) + " " + path.string()).c_str()), 0) << c.check;
    std::string dc = std::string(c.compression == Compression::kGzip ? "gzip" : "zstd") +
                     " -dc " + path.string() + " | cmp -s - " + (dir / "in").string();
    ASSERT_TRUE(util::WriteFileAtomic(dir / "in", input));
    EXPECT_EQ(std::system(dc.c_str()), 0) << dc;
  }
}

TEST(CompressorTest, ZstdRoundTripsAndIgnoresThreadCount) {
  std::string input = Payload(9 * 1024 * 1024 + 3, 5);
  std::string one = Compress(Opts(Compression::kZstd, std::nullopt, 1), input);
  std::string two = Compress(Opts(Compression::kZstd, std::nullopt, 2), input, 7777);
  EXPECT_EQ(one, two);
  EXPECT_EQ(Unzstd(one), input);
  std::string level19 = Compress(Opts(Compression::kZstd, 19), input.substr(0, 300'000));
  EXPECT_EQ(Unzstd(level19), input.substr(0, 300'000));
  EXPECT_EQ(Unzstd(Compress(Opts(Compression::kZstd), "")), "");
}

// The format's parameters (compress_zstd.cpp), compressed with one output buffer large enough
// for the whole frame: no flushing pattern can play a part in these bytes.
std::string ZstdReference(std::string_view input) {
  ZSTD_CCtx* ctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(ctx, ZSTD_c_compressionLevel, 3);
  ZSTD_CCtx_setParameter(ctx, ZSTD_c_checksumFlag, 1);
  ZSTD_CCtx_setParameter(ctx, ZSTD_c_jobSize, 2 << 20);
  ZSTD_CCtx_setParameter(ctx, ZSTD_c_overlapLog, 9);
  ZSTD_CCtx_setParameter(ctx, ZSTD_c_nbWorkers, 1);
  std::string out(ZSTD_compressBound(input.size()) + 4096, '\0');
  ZSTD_outBuffer dst{out.data(), out.size(), 0};
  ZSTD_inBuffer src{input.data(), input.size(), 0};
  while (src.pos < src.size) {
    EXPECT_FALSE(ZSTD_isError(ZSTD_compressStream2(ctx, &dst, &src, ZSTD_e_continue)));
  }
  for (size_t left = 1; left != 0;) {
    left = ZSTD_compressStream2(ctx, &dst, &src, ZSTD_e_end);
    EXPECT_FALSE(ZSTD_isError(left));
    if (ZSTD_isError(left)) break;
  }
  ZSTD_freeCCtx(ctx);
  out.resize(dst.pos);
  return out;
}

// Poorly compressible data (random 7-bit bytes: libzstd's output is ~7/8 of its input, so its
// samples pass as compressible but its jobs' output is large) fed as TarWriter feeds it (1 MiB
// writes): the compressor drains libzstd's finished jobs as it goes (so they do not pile up in
// memory), which must not change a byte. (Fully random data is written as raw frames instead,
// see ZstdRandomChunksBecomeRawFrames.)
TEST(CompressorTest, ZstdBytesDoNotDependOnWritesOrDraining) {
  std::mt19937_64 rng(11);
  std::string input(11 * 1024 * 1024 + 5, '\0');
  for (auto& c : input) c = static_cast<char>(rng() & 0x7f);
  std::string expected = ZstdReference(input);
  EXPECT_TRUE(Compress(Opts(Compression::kZstd, std::nullopt, 2), input, 1 << 20) == expected);
  EXPECT_TRUE(Compress(Opts(Compression::kZstd, std::nullopt, 2), input, 7777) == expected);
  EXPECT_TRUE(Compress(Opts(Compression::kZstd, std::nullopt, 1), input, 3 << 20) == expected);
}

// Multi-megabyte strings are compared with EXPECT_TRUE(a == b): EXPECT_EQ's diff of two such
// strings takes tens of GiB when they differ.
constexpr size_t kZstdChunk = size_t{2} << 20;

// One frame of a zstd stream: where it is, its content size, whether it has a checksum.
struct ZstdFrame {
  size_t offset = 0;
  size_t size = 0;
  unsigned long long content_size = 0;
  bool checksum = false;
};

std::vector<ZstdFrame> ZstdFrames(std::string_view data) {
  std::vector<ZstdFrame> out;
  for (size_t at = 0; at < data.size();) {
    std::string_view rest = data.substr(at);
    size_t size = ZSTD_findFrameCompressedSize(rest.data(), rest.size());
    EXPECT_FALSE(ZSTD_isError(size)) << "at " << at << ": " << ZSTD_getErrorName(size);
    if (ZSTD_isError(size)) break;
    // RFC 8878 §3.1.1.1: Content_Checksum_flag is bit 2 of the Frame_Header_Descriptor.
    bool checksum = size > 4 && (static_cast<unsigned char>(rest[4]) & 4) != 0;
    unsigned long long content_size = ZSTD_getFrameContentSize(rest.data(), rest.size());
    out.push_back(ZstdFrame{at, size, content_size, checksum});
    at += size;
  }
  return out;
}

// Our raw frame for a whole chunk: 9 header bytes, 16 blocks of 128 KiB with 3-byte headers.
bool IsRawChunkFrame(const ZstdFrame& f) {
  return f.content_size == kZstdChunk && !f.checksum && f.size == kZstdChunk + 9 + 16 * 3;
}

// zstd(1) decodes `compressed` to `input`; false when zstd is not installed.
bool ZstdCliDecodes(std::string_view compressed, std::string_view input) {
  if (std::system("command -v zstd >/dev/null") != 0) return false;
  testing::TempDir dir;
  EXPECT_TRUE(util::WriteFileAtomic(dir / "x.zst", compressed));
  EXPECT_TRUE(util::WriteFileAtomic(dir / "in", input));
  std::string cmd =
      "zstd -q -dc " + (dir / "x.zst").string() + " | cmp -s - " + (dir / "in").string();
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return true;
}

TEST(CompressorTest, ZstdRandomChunksBecomeRawFrames) {
  std::string input = RandomBytes(3 * kZstdChunk + 12345, 31);
  std::string out = Compress(Opts(Compression::kZstd, std::nullopt, 2), input, 1 << 20);
  EXPECT_TRUE(Unzstd(out) == input);
  // Three raw frames of 57 bytes of framing each, then libzstd's frame for the short tail
  // (which is not judged): its own raw block, header and checksum.
  std::vector<ZstdFrame> frames = ZstdFrames(out);
  ASSERT_EQ(frames.size(), 4u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_TRUE(IsRawChunkFrame(frames[i])) << "frame " << i;
    EXPECT_EQ(std::string_view(out).substr(frames[i].offset + 9 + 3, 1000),
              std::string_view(input).substr(i * kZstdChunk, 1000));
  }
  EXPECT_TRUE(frames[3].checksum);
  EXPECT_LE(out.size(), input.size() + 3 * 57 + 32);
  if (!ZstdCliDecodes(out, input)) GTEST_SKIP() << "zstd not installed";
}

TEST(CompressorTest, ZstdMixedChunksRoundTripWhateverTheWritesAndThreads) {
  std::string text1 = Payload(kZstdChunk, 41);
  std::string random = RandomBytes(kZstdChunk, 42);
  std::string text2 = Payload(kZstdChunk, 43);
  std::string tail = Payload(70'001, 44);
  std::string input = text1 + random + text2 + tail;
  std::string out = Compress(Opts(Compression::kZstd, std::nullopt, 2), input, 1 << 20);
  EXPECT_TRUE(Unzstd(out) == input);
  // libzstd's frame ends before the raw frame; the chunks after it start a new one, each the
  // frame libzstd alone makes of those bytes.
  std::vector<ZstdFrame> frames = ZstdFrames(out);
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_TRUE(out.substr(frames[0].offset, frames[0].size) == ZstdReference(text1));
  EXPECT_TRUE(IsRawChunkFrame(frames[1]));
  EXPECT_TRUE(out.substr(frames[2].offset, frames[2].size) == ZstdReference(text2 + tail));
  EXPECT_TRUE(Compress(Opts(Compression::kZstd, std::nullopt, 2), input, 7777) == out);
  EXPECT_TRUE(Compress(Opts(Compression::kZstd, std::nullopt, 1), input, input.size()) == out);
  EXPECT_TRUE(Compress(Opts(Compression::kZstd, std::nullopt, 1), input, 1 << 20) == out);
  EXPECT_TRUE(Compress(Opts(Compression::kZstd, std::nullopt, 2), input, 3 << 20) == out);
  // A stream ending on a raw chunk has no empty libzstd frame after it.
  std::string ends_raw = text1 + random;
  std::string ends_raw_out = Compress(Opts(Compression::kZstd, std::nullopt, 2), ends_raw, 7777);
  EXPECT_TRUE(Unzstd(ends_raw_out) == ends_raw);
  std::vector<ZstdFrame> ends_raw_frames = ZstdFrames(ends_raw_out);
  ASSERT_EQ(ends_raw_frames.size(), 2u);
  EXPECT_TRUE(IsRawChunkFrame(ends_raw_frames[1]));
  if (!ZstdCliDecodes(out, input)) GTEST_SKIP() << "zstd not installed";
}

TEST(CompressorTest, ZstdCompressibleInputIsOneLibzstdFrame) {
  // Every chunk compressible (one random sample of four is not enough to make a chunk raw):
  // exactly the frame libzstd makes of the whole input.
  std::string input = RandomBytes(kZstdChunk / 8, 51) + TextBytes(3 * kZstdChunk);
  std::string out = Compress(Opts(Compression::kZstd, std::nullopt, 2), input, 7777);
  EXPECT_TRUE(out == ZstdReference(input));
  EXPECT_EQ(ZstdFrames(out).size(), 1u);
  EXPECT_EQ(Compress(Opts(Compression::kZstd), ""), ZstdReference(""));
}

TEST(CompressorTest, GzipLevelsMapAndRoundTrip) {
  std::string input = Payload(600'000);
  for (int level = 0; level <= 9; ++level) {
    EXPECT_EQ(Gunzip(Compress(Opts(Compression::kGzip, level), input)), input);
  }
  EXPECT_EQ(Gunzip(Compress({}, "")), "");
}

TEST(CompressorTest, UncompressedPassesThrough) {
  std::string input = Payload(300'000);
  EXPECT_EQ(Compress(Opts(Compression::kUncompressed), input, 999), input);
}

TEST(CompressorTest, RejectsBadOptions) {
  StringSink sink;
  auto bad_gzip = MakeCompressor(Opts(Compression::kGzip, 10), sink);
  ASSERT_FALSE(bad_gzip);
  EXPECT_EQ(bad_gzip.error().kind(), util::ErrorKind::kInvalidArgument);
  EXPECT_FALSE(MakeCompressor(Opts(Compression::kZstd, 23), sink));
  EXPECT_FALSE(MakeCompressor(Opts(Compression::kGzip, -1), sink));
  EXPECT_EQ(*ParseCompression("zstd"), Compression::kZstd);
  EXPECT_EQ(*ParseCompression("gzip"), Compression::kGzip);
  EXPECT_EQ(*ParseCompression("uncompressed"), Compression::kUncompressed);
  auto bad = ParseCompression("lz4");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().What().find("lz4"), std::string::npos);
  EXPECT_EQ(CompressionName(Compression::kZstd), "zstd");
}

}  // namespace
}  // namespace manifold::content
