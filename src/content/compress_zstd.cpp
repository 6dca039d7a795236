// ZstdCompressor: ZSTD_compressStream2 in a loop, output handed to the sink as it appears.
#include "content/compress_zstd.hpp"

#include <zstd.h>

namespace manifold::content {
namespace {

constexpr size_t kOutBufferSize = size_t{1} << 20;

util::Status ZstdCheck(size_t rc, std::string_view what) {
  if (ZSTD_isError(rc)) {
    return util::Fail(util::ErrorKind::kInternal, "zstd: {}: {}", what, ZSTD_getErrorName(rc));
  }
  return {};
}

}  // namespace

util::Result<std::unique_ptr<ZstdCompressor>> ZstdCompressor::Create(ByteSink& sink, int level,
                                                                     int threads) {
  ZSTD_CCtx* ctx = ZSTD_createCCtx();
  if (ctx == nullptr) return util::Fail(util::ErrorKind::kInternal, "zstd: out of memory");
  std::unique_ptr<ZstdCompressor> out(new ZstdCompressor(sink, ctx));
  MANIFOLD_CHECK(ZstdCheck(ZSTD_CCtx_setParameter(ctx, ZSTD_c_compressionLevel, level), "level"));
  MANIFOLD_CHECK(ZstdCheck(ZSTD_CCtx_setParameter(ctx, ZSTD_c_checksumFlag, 1), "checksum"));
  // 2 MiB jobs (the default at level 3 is 8 MiB; 4 MiB until 2026-12) bound libzstd's memory to
  // ~29 MiB with two workers (4 MiB: ~57 MiB, which put a build's peak RSS past 64 MiB);
  // overlapping each job with a full window of the previous one keeps the ratio at the
  // default's (measured on /usr/include: 13.91 MB at 2 MiB, 13.99 MB at 4 MiB). Both are
  // constants: they are part of the output format (zstd layers made before 2026-12 differ).
  MANIFOLD_CHECK(ZstdCheck(ZSTD_CCtx_setParameter(ctx, ZSTD_c_jobSize, 2 << 20), "job size"));
  MANIFOLD_CHECK(ZstdCheck(ZSTD_CCtx_setParameter(ctx, ZSTD_c_overlapLog, 9), "overlap"));
  // Multithreaded mode is requested even for one thread: libzstd's single-threaded mode cuts
  // the stream differently, and the blob must not depend on the machine's core count.
  MANIFOLD_CHECK(ZstdCheck(ZSTD_CCtx_setParameter(ctx, ZSTD_c_nbWorkers, std::max(threads, 1)),
                           "this libzstd has no multithreading support"));
  return out;
}

ZstdCompressor::ZstdCompressor(ByteSink& sink, ZSTD_CCtx_s* ctx) : sink_(sink), ctx_(ctx) {
  out_.resize(kOutBufferSize);
}

ZstdCompressor::~ZstdCompressor() { ZSTD_freeCCtx(ctx_); }

util::Status ZstdCompressor::Pump(std::string_view data, int end_op) {
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  for (;;) {
    ZSTD_outBuffer out{out_.data(), out_.size(), 0};
    size_t remaining =
        ZSTD_compressStream2(ctx_, &out, &in, static_cast<ZSTD_EndDirective>(end_op));
    MANIFOLD_CHECK(ZstdCheck(remaining, "compress"));
    if (out.pos > 0) MANIFOLD_CHECK(sink_.Write(std::string_view(out_.data(), out.pos)));
    if (end_op == ZSTD_e_end) {
      if (remaining == 0) return {};
      continue;
    }
    // Drained until a call leaves room in the buffer, not just until the input is taken: a
    // call flushes at most one buffer but may take a whole job's input, so finished jobs (each
    // holding a ~2 MiB output buffer) would pile up to libzstd's job table (8 with 2 workers,
    // ~17 MiB) on incompressible data. When to flush does not change the bytes: jobs are cut
    // by size alone under ZSTD_e_continue.
    if (in.pos == in.size && out.pos < out.size) return {};
  }
}

util::Status ZstdCompressor::Write(std::string_view data) {
  if (done_) return util::Fail(util::ErrorKind::kInternal, "zstd: write after end");
  util::Status status = Pump(data, ZSTD_e_continue);
  if (!status) done_ = true;
  return status;
}

util::Status ZstdCompressor::Finish() {
  if (done_) return util::Fail(util::ErrorKind::kInternal, "zstd: finish after end");
  done_ = true;
  return Pump({}, ZSTD_e_end);
}

}  // namespace manifold::content
