// Compression choice, level validation and the compressor factory.
#include "content/compress.hpp"

#include <unistd.h>

#include "content/compress_gzip.hpp"
#include "content/compress_zstd.hpp"
#include "util/temp_file.hpp"

namespace manifold::content {

util::Status FdSink::Write(std::string_view data) { return util::WriteAll(fd_, data); }

namespace {

// compression=uncompressed: the tar passes straight through.
class PassThrough final : public Compressor {
 public:
  explicit PassThrough(ByteSink& sink) : sink_(sink) {}
  util::Status Write(std::string_view data) override { return sink_.Write(data); }
  util::Status Finish() override { return {}; }

 private:
  ByteSink& sink_;
};

// gzip levels 0–9 onto igzip's 0–3. igzip level 1 compresses about like zlib -1 and level 3
// close to zlib -6, each several times faster than zlib at the same ratio.
int IsalLevel(std::optional<int> level) {
  if (!level) return 1;
  if (*level == 0) return 0;
  if (*level <= 3) return 1;
  if (*level <= 6) return 2;
  return 3;
}

}  // namespace

util::Result<Compression> ParseCompression(std::string_view text) {
  if (text == "gzip") return Compression::kGzip;
  if (text == "zstd") return Compression::kZstd;
  if (text == "uncompressed") return Compression::kUncompressed;
  return util::Fail(util::ErrorKind::kInvalidArgument,
                    "unsupported compression type {:?} (want gzip, zstd or uncompressed)", text);
}

std::string_view CompressionName(Compression compression) {
  switch (compression) {
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
    case Compression::kUncompressed: return "uncompressed";
  }
  return "unknown";
}

int ResolveThreads(int threads) {
  if (threads > 0) return threads;
  long n = ::sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<int>(n) : 1;
}

util::Result<std::unique_ptr<Compressor>> MakeCompressor(const CompressorOptions& options,
                                                         ByteSink& sink) {
  int threads = ResolveThreads(options.threads);
  switch (options.compression) {
    case Compression::kUncompressed:
      return std::make_unique<PassThrough>(sink);
    case Compression::kGzip:
      if (options.level && (*options.level < 0 || *options.level > 9)) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "gzip compression-level {} out of range 0-9", *options.level);
      }
      return std::make_unique<ParallelGzip>(sink, IsalLevel(options.level), threads);
    case Compression::kZstd: {
      int level = options.level.value_or(3);
      if (level < 0 || level > 22) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "zstd compression-level {} out of range 0-22", level);
      }
      if (level == 0) level = 3;
      auto zstd = MANIFOLD_TRY(ZstdCompressor::Create(sink, level, threads));
      return std::unique_ptr<Compressor>(std::move(zstd));
    }
  }
  return util::Fail(util::ErrorKind::kInvalidArgument, "unknown compression");
}

}  // namespace manifold::content
