// ParallelGzip: blocks deflated by ISA-L on workers, stitched into one gzip member in order.
#include "content/compress_gzip.hpp"

#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <span>

namespace manifold::content {
namespace {

constexpr size_t kDictSize = 32 * 1024;  // deflate's window (RFC 1951 §2)

// RFC 1952 §2.3: magic, CM=8 (deflate), FLG=0, MTIME=0, XFL=0, OS=255 (unknown). A fixed
// header keeps the blob independent of when and where it was written (as Go's gzip does).
constexpr std::array<char, 10> kGzipHeader = {'\x1f', '\x8b', 8, 0, 0, 0, 0, 0, 0, '\xff'};

// Deflate saves nothing on bytes that are already compressed (archives, images, packages) or
// random: such a block is copied into stored blocks (RFC 1951 §3.2.4) instead of deflated, as
// zstd does with its raw blocks — a copy instead of a compressor's pass, for a few bytes more
// than deflate's output. A block is judged by samples: each is deflated on its own into room 2%
// smaller than itself, and one that does not fit saved less than 2%. A block is stored only
// when none of its samples fits; the first that fits settles a compressible block (~1.6% of its
// deflate time at the default block size). Only the block's own bytes decide, so the output
// still depends on the input alone. Measured on a 256 MiB random file (bench/layer_writer):
// 540 → 450 ms of CPU, against 182 ms uncompressed.
constexpr size_t kSampleSize = 16 * 1024;
constexpr size_t kSamples = 4;
constexpr size_t kStoredMax = 65535;  // LEN is 16 bits

// Appends `input` to `out` as stored blocks, the last one final when `last`; `out` is large
// enough (5 bytes per 64 KiB more than the input). Every block starts byte-aligned here: a
// previous block of this stream ended with a sync flush or was stored.
size_t WriteStored(std::span<const uint8_t> input, bool last, uint8_t* out) {
  size_t at = 0;
  do {
    size_t n = std::min(input.size(), kStoredMax);
    bool final_block = last && n == input.size();
    out[at++] = final_block ? 1 : 0;  // BFINAL, BTYPE=00, then the rest of the byte is padding
    out[at++] = static_cast<uint8_t>(n & 0xff);
    out[at++] = static_cast<uint8_t>(n >> 8);
    out[at++] = static_cast<uint8_t>(~n & 0xff);
    out[at++] = static_cast<uint8_t>((~n >> 8) & 0xff);
    std::memcpy(out + at, input.data(), n);
    at += n;
    input = input.subspan(n);
  } while (!input.empty());
  return at;
}

uint32_t LevelBufSize(int level) {
  switch (level) {
    case 1: return ISAL_DEF_LVL1_DEFAULT;
    case 2: return ISAL_DEF_LVL2_DEFAULT;
    case 3: return ISAL_DEF_LVL3_DEFAULT;
    default: return 0;
  }
}

// A worker's ISA-L state, reused for every block: the stream struct is ~200 KiB and the level
// buffer up to ~1 MiB, too much to allocate per block.
struct Deflater {
  explicit Deflater(int isal_level)
      : level(isal_level),
        level_buf_size(LevelBufSize(isal_level)),
        level_buf(std::make_unique_for_overwrite<uint8_t[]>(std::max<uint32_t>(level_buf_size, 1))),
        stream(std::make_unique<isal_zstream>()) {}

  // The settings every deflate here shares, after isal_deflate_init or its stateless twin:
  // the level and raw deflate (the gzip framing is ours).
  void Configure() {
    isal_zstream& s = *stream;
    s.level = static_cast<uint32_t>(level);
    s.level_buf = level_buf_size ? level_buf.get() : nullptr;
    s.level_buf_size = level_buf_size;
    s.gzip_flag = IGZIP_DEFLATE;
  }

  // Whether kSampleSize bytes at `sample`, deflated alone, fit in `room`.
  bool SampleFits(const uint8_t* sample, std::span<uint8_t> room) {
    isal_zstream& s = *stream;
    isal_deflate_stateless_init(&s);
    Configure();
    s.end_of_stream = 1;
    s.flush = NO_FLUSH;
    s.next_in = const_cast<uint8_t*>(sample);
    s.avail_in = static_cast<uint32_t>(kSampleSize);
    s.next_out = room.data();
    s.avail_out = static_cast<uint32_t>(room.size());
    return isal_deflate_stateless(&s) == COMP_OK;
  }

  // Whether `block` is better stored than deflated: none of its samples fits in 98% of its size.
  // `scratch` (at least kSampleSize bytes) takes the trial outputs.
  bool Incompressible(std::span<const uint8_t> block, std::span<uint8_t> scratch) {
    if (block.size() < kSamples * kSampleSize) return false;
    std::span<uint8_t> room = scratch.first(kSampleSize * 98 / 100);
    size_t stride = block.size() / kSamples;
    for (size_t i = 0; i < kSamples; ++i) {
      if (SampleFits(block.data() + i * stride, room)) return false;
    }
    return true;
  }

  const int level;
  const uint32_t level_buf_size;
  std::unique_ptr<uint8_t[]> level_buf;
  std::unique_ptr<isal_zstream> stream;
};

}  // namespace

struct ParallelGzip::Job {
  std::unique_ptr<uint8_t[]> input;
  size_t input_size = 0;
  std::array<uint8_t, kDictSize> dict;
  size_t dict_size = 0;
  std::vector<uint8_t> output;
  size_t output_size = 0;
  uint32_t crc = 0;
  bool last = false;
  int error = 0;      // ISA-L's return code when it failed
  bool done = false;  // guarded by mu_
};

ParallelGzip::ParallelGzip(ByteSink& sink, int isal_level, int threads, size_t block_size)
    : sink_(sink),
      level_(std::clamp(isal_level, 0, 3)),
      block_size_(std::max<size_t>(block_size, kDictSize)),
      max_in_flight_(2 * static_cast<size_t>(std::max(threads, 1)) + 1) {
  current_ = TakeFreeJob();
  for (int i = 0; i < std::max(threads, 1); ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

ParallelGzip::~ParallelGzip() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  for (auto& t : workers_) t.join();
}

ParallelGzip::Job* ParallelGzip::TakeFreeJob() {
  if (!free_.empty()) {
    Job* job = free_.back();
    free_.pop_back();
    return job;
  }
  auto job = std::make_unique<Job>();
  job->input = std::make_unique_for_overwrite<uint8_t[]>(block_size_);
  owned_.push_back(std::move(job));
  return owned_.back().get();
}

void ParallelGzip::WorkerLoop() {
  Deflater deflater(level_);
  isal_zstream& s = *deflater.stream;
  for (;;) {
    Job* job = nullptr;
    {
      std::unique_lock lock(mu_);
      work_cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      job = queue_.front();
      queue_.pop_front();
    }
    job->crc = crc32_gzip_refl(0, job->input.get(), job->input_size);
    // Incompressible data grows by a few bytes per 64 KiB stored block; start with room for it.
    size_t want = job->input_size + job->input_size / 16 + 1024;
    if (job->output.size() < want) job->output.resize(want);
    std::span<const uint8_t> input(job->input.get(), job->input_size);
    int rc = COMP_OK;
    // The output buffer is free until the block is written: the samples' trials use it.
    if (deflater.Incompressible(input, job->output)) {
      job->output_size = WriteStored(input, job->last, job->output.data());
    } else {
      isal_deflate_init(&s);
      deflater.Configure();
      if (job->dict_size > 0) {
        rc = isal_deflate_set_dict(&s, job->dict.data(), static_cast<uint32_t>(job->dict_size));
      }
      // A non-final block ends with a sync flush (an empty stored block) so the next block's
      // bits start on a byte boundary; the final block sets BFINAL instead.
      s.end_of_stream = job->last ? 1 : 0;
      s.flush = job->last ? NO_FLUSH : SYNC_FLUSH;
      s.next_in = job->input.get();
      s.avail_in = static_cast<uint32_t>(job->input_size);
      job->output_size = 0;
      while (rc == COMP_OK) {
        if (job->output.size() - job->output_size < 1024) job->output.resize(job->output.size() * 2);
        s.next_out = job->output.data() + job->output_size;
        s.avail_out = static_cast<uint32_t>(job->output.size() - job->output_size);
        rc = isal_deflate(&s);
        job->output_size = job->output.size() - s.avail_out;
        bool complete = job->last ? s.internal_state.state == ZSTATE_END
                                  : (s.avail_in == 0 && s.avail_out > 0);
        if (complete) break;
      }
    }
    {
      std::lock_guard lock(mu_);
      job->error = rc;
      job->done = true;
    }
    done_cv_.notify_all();
  }
}

util::Status ParallelGzip::Write(std::string_view data) {
  if (failed_ || finished_) return util::Fail(util::ErrorKind::kInternal, "gzip: write after end");
  while (!data.empty()) {
    size_t n = std::min(data.size(), block_size_ - current_->input_size);
    std::memcpy(current_->input.get() + current_->input_size, data.data(), n);
    current_->input_size += n;
    data.remove_prefix(n);
    if (current_->input_size == block_size_) MANIFOLD_CHECK(Submit(false));
  }
  return {};
}

util::Status ParallelGzip::Finish() {
  if (failed_ || finished_) return util::Fail(util::ErrorKind::kInternal, "gzip: finish after end");
  MANIFOLD_CHECK(Submit(true));
  MANIFOLD_CHECK(Drain(0));
  finished_ = true;
  // RFC 1952 §2.3.1: CRC32 then ISIZE (input size mod 2^32), both little-endian.
  std::array<char, 8> trailer;
  uint32_t isize = static_cast<uint32_t>(total_in_);
  for (int i = 0; i < 4; ++i) {
    trailer[i] = static_cast<char>((crc_ >> (8 * i)) & 0xff);
    trailer[4 + i] = static_cast<char>((isize >> (8 * i)) & 0xff);
  }
  return sink_.Write(std::string_view(trailer.data(), trailer.size()));
}

util::Status ParallelGzip::Submit(bool last) {
  Job* job = current_;
  job->last = last;
  job->done = false;
  {
    std::lock_guard lock(mu_);
    queue_.push_back(job);
  }
  work_cv_.notify_one();
  pending_.push_back(job);
  if (!last) {
    // The next block is primed with this one's tail; block boundaries (and so the bytes) only
    // depend on the input offsets.
    current_ = TakeFreeJob();
    size_t keep = std::min(job->input_size, kDictSize);
    std::memcpy(current_->dict.data(), job->input.get() + job->input_size - keep, keep);
    current_->dict_size = keep;
    current_->input_size = 0;
  }
  return Drain(max_in_flight_);
}

util::Status ParallelGzip::Drain(size_t max_pending) {
  while (!pending_.empty()) {
    Job* front = pending_.front();
    {
      std::unique_lock lock(mu_);
      if (pending_.size() <= max_pending && !front->done) return {};
      done_cv_.wait(lock, [front] { return front->done; });
    }
    pending_.pop_front();
    util::Status emitted = Emit(*front);
    free_.push_back(front);
    if (!emitted) {
      failed_ = true;
      return emitted;
    }
  }
  return {};
}

util::Status ParallelGzip::Emit(Job& job) {
  if (job.error != COMP_OK) {
    return util::Fail(util::ErrorKind::kInternal, "gzip: ISA-L deflate failed with code {}",
                      job.error);
  }
  if (!header_written_) {
    MANIFOLD_CHECK(sink_.Write(std::string_view(kGzipHeader.data(), kGzipHeader.size())));
    header_written_ = true;
  }
  crc_ = static_cast<uint32_t>(crc32_combine(crc_, job.crc, static_cast<z_off_t>(job.input_size)));
  total_in_ += job.input_size;
  return sink_.Write(std::string_view(reinterpret_cast<const char*>(job.output.data()),
                                      job.output_size));
}

}  // namespace manifold::content
