// Compressor: streaming layer compression (parallel gzip, multithreaded zstd, or none).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "util/error.hpp"

namespace manifold::content {

/// Where a stream of bytes goes (a blob ingest, a file, a hasher, the next stage).
/// Implementations are called from one thread at a time, in stream order.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  /// Appends `data`; an error ends the stream (callers stop writing).
  virtual util::Status Write(std::string_view data) = 0;
};

/// A ByteSink onto a file descriptor it does not own (every byte written, EINTR retried).
class FdSink final : public ByteSink {
 public:
  explicit FdSink(int fd) : fd_(fd) {}
  util::Status Write(std::string_view data) override;

 private:
  int fd_;
};

/// How a layer is compressed: buildx's `compression=` (gzip is the default).
enum class Compression { kUncompressed, kGzip, kZstd };

/// Parses "uncompressed", "gzip" or "zstd" (InvalidArgument otherwise, naming the value).
util::Result<Compression> ParseCompression(std::string_view text);
/// The buildx spelling of `compression`.
std::string_view CompressionName(Compression compression);

/// Tuning of a Compressor. The output bytes depend only on the input, `compression` and
/// `level`, never on `threads` or thread timing: identical inputs give identical blobs on every
/// machine.
struct CompressorOptions {
  Compression compression = Compression::kGzip;
  /// buildx's `compression-level`: gzip 0–9 (mapped onto ISA-L igzip levels 0–3: 0→0, 1–3→1,
  /// 4–6→2, 7–9→3; unset → 1), zstd 1–22 (unset → 3; 0 means 3 as in libzstd). Ignored
  /// for uncompressed. Out of range → InvalidArgument from MakeCompressor().
  std::optional<int> level;
  /// Worker threads; 0 means the number of online CPUs.
  int threads = 0;
};

/// A streaming compressor: Write() uncompressed bytes in any chunking, compressed bytes reach
/// the sink in order (from the thread calling Write()/Finish(), never from a worker), Finish()
/// ends the stream. Memory is bounded by a few blocks per thread, whatever the stream size.
/// Not thread-safe: one producer. After an error, or after Finish(), only destruction is valid.
class Compressor {
 public:
  virtual ~Compressor() = default;
  /// Consumes `data` (copied or compressed before returning).
  virtual util::Status Write(std::string_view data) = 0;
  /// Flushes everything and writes the format's trailer.
  virtual util::Status Finish() = 0;
};

/// Creates the compressor for `options`, writing into `sink` (which must outlive it).
util::Result<std::unique_ptr<Compressor>> MakeCompressor(const CompressorOptions& options,
                                                         ByteSink& sink);

/// The number of worker threads `threads` resolves to (0 → online CPUs, at least 1).
int ResolveThreads(int threads);

}  // namespace manifold::content
