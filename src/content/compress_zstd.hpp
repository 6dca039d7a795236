// ZstdCompressor: libzstd streaming compression with its own worker threads.
#pragma once

#include <memory>
#include <string>

#include "content/compress.hpp"

struct ZSTD_CCtx_s;

namespace manifold::content {

/// A zstd stream (RFC 8878) of one or more frames. The input is cut into 2 MiB chunks at fixed
/// input offsets (whatever the Write() sizes), and each full chunk is judged by a few samples
/// of its own bytes:
/// - runs of compressible chunks, and the short final chunk, are compressed by libzstd in
///   multithreaded mode into one frame with a content checksum (ZSTD_c_nbWorkers ≥ 1 always, so
///   the bytes do not depend on the thread count: libzstd's job boundaries depend only on the
///   parameters: 2 MiB jobs, each overlapping a full window of the previous one);
/// - an incompressible chunk (random or already-compressed bytes) ends the open libzstd frame and
///   is written as its own frame of Raw blocks (no checksum): a copy, where libzstd would spend
///   a full compression pass only to emit the same raw blocks.
/// Input whose chunks are all compressible therefore gives exactly one libzstd frame, the bytes
/// written before raw frames existed. Decoders read concatenated frames as one stream (RFC 8878
/// §3.1; zstd(1), containerd, Docker, libarchive). Memory: libzstd's job buffers, ~20 MiB at level
/// 3 with 2 workers (more at high levels, whose windows are larger), plus one chunk of input.
class ZstdCompressor final : public Compressor {
 public:
  /// `level` 1–22 (validated by MakeCompressor), `threads` ≥ 1.
  static util::Result<std::unique_ptr<ZstdCompressor>> Create(ByteSink& sink, int level,
                                                              int threads);
  ~ZstdCompressor() override;

  util::Status Write(std::string_view data) override;
  util::Status Finish() override;

 private:
  ZstdCompressor(ByteSink& sink, ZSTD_CCtx_s* ctx, ZSTD_CCtx_s* judge);
  // Sends one full chunk to libzstd or, when its samples say it is incompressible, into a raw
  // frame.
  util::Status TakeChunk(std::string_view chunk);
  // Whether none of `chunk`'s samples shrinks by 2% at level 1.
  bool Incompressible(std::string_view chunk);
  // Writes `chunk` as one frame of Raw blocks.
  util::Status WriteRawFrame(std::string_view chunk);
  // Runs one compressStream2 step loop with `end_op`; returns when input is consumed and the
  // output ready so far is drained (for end, when the frame is complete).
  util::Status Pump(std::string_view data, int end_op);

  ByteSink& sink_;
  ZSTD_CCtx_s* ctx_;
  ZSTD_CCtx_s* judge_;   // compresses samples alone, for Incompressible()
  std::string pending_;  // the start of the next chunk, less than a chunk
  std::string out_;
  std::string scratch_;    // the samples' trial outputs
  bool frame_open_ = false;  // libzstd holds input of a frame it has not ended
  bool wrote_raw_ = false;
  bool done_ = false;
};

}  // namespace manifold::content
