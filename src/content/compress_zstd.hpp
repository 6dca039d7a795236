// ZstdCompressor: libzstd streaming compression with its own worker threads.
#pragma once

#include <memory>
#include <string>

#include "content/compress.hpp"

struct ZSTD_CCtx_s;

namespace manifold::content {

/// One zstd frame with a content checksum, compressed by libzstd in multithreaded mode
/// (ZSTD_c_nbWorkers ≥ 1 always, so the bytes do not depend on the thread count: libzstd's
/// job boundaries depend only on the parameters: 2 MiB jobs, each overlapping a full window of
/// the previous one). Memory: libzstd's job buffers, ~20 MiB at level 3 with 2 workers (more at
/// high levels, whose windows are larger).
class ZstdCompressor final : public Compressor {
 public:
  /// `level` 1–22 (validated by MakeCompressor), `threads` ≥ 1.
  static util::Result<std::unique_ptr<ZstdCompressor>> Create(ByteSink& sink, int level,
                                                              int threads);
  ~ZstdCompressor() override;

  util::Status Write(std::string_view data) override;
  util::Status Finish() override;

 private:
  ZstdCompressor(ByteSink& sink, ZSTD_CCtx_s* ctx);
  // Runs one compressStream2 step loop with `end_op`; returns when input is consumed and the
  // output ready so far is drained (for end, when the frame is complete).
  util::Status Pump(std::string_view data, int end_op);

  ByteSink& sink_;
  ZSTD_CCtx_s* ctx_;
  std::string out_;
  bool done_ = false;
};

}  // namespace manifold::content
