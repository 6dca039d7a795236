// ParallelGzip: pigz-style gzip — fixed-size blocks deflated by ISA-L on a thread pool.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "content/compress.hpp"

namespace manifold::content {

/// One gzip member (RFC 1952: mtime 0, no name, OS 255 — nothing from the host) whose deflate
/// stream is made of independently compressed blocks: the input is cut every `block_size`
/// bytes (whatever the Write() chunking), each block is deflated by ISA-L igzip on a worker,
/// primed with the previous block's last 32 KiB as dictionary and ended byte-aligned with a
/// sync flush, so the pieces concatenate into one valid stream. A block that deflate would
/// not shrink by 2% (judged from samples of it: random or already-compressed bytes) is copied
/// into stored blocks instead, at a fraction of the CPU. The CRC-32 is computed per
/// block and combined. Output bytes depend only on the input, the level and `block_size`.
/// At most 2×threads+1 blocks are in flight (about 2.2 MiB each at the default block size).
class ParallelGzip final : public Compressor {
 public:
  /// Default block size: large enough that dictionary priming costs nothing measurable.
  static constexpr size_t kDefaultBlockSize = size_t{1} << 20;

  /// `isal_level` 0–3 (igzip's levels), `threads` ≥ 1 workers. `block_size` is part of the
  /// output format: keep the default outside tests. Writes into `sink`, which must outlive it.
  ParallelGzip(ByteSink& sink, int isal_level, int threads,
               size_t block_size = kDefaultBlockSize);
  ~ParallelGzip() override;
  ParallelGzip(const ParallelGzip&) = delete;
  ParallelGzip& operator=(const ParallelGzip&) = delete;

  util::Status Write(std::string_view data) override;
  util::Status Finish() override;

 private:
  struct Job;

  void WorkerLoop();
  // Hands the current block to the pool and starts the next one.
  util::Status Submit(bool last);
  // Emits finished blocks in order; with `wait`, blocks until in-flight work drops below
  // `max_pending` (0 = wait for everything).
  util::Status Drain(size_t max_pending);
  util::Status Emit(Job& job);
  Job* TakeFreeJob();

  ByteSink& sink_;
  const int level_;
  const size_t block_size_;
  const size_t max_in_flight_;

  // Producer-side state (only the Write()/Finish() thread touches it).
  std::vector<std::unique_ptr<Job>> owned_;  // every Job ever made
  Job* current_ = nullptr;                   // the block being filled
  std::deque<Job*> pending_;                 // submitted, in stream order
  std::vector<Job*> free_;
  uint64_t total_in_ = 0;
  uint32_t crc_ = 0;
  bool header_written_ = false;
  bool failed_ = false;
  bool finished_ = false;

  // Shared with the workers.
  std::mutex mu_;
  std::condition_variable work_cv_;
  std::condition_variable done_cv_;
  std::deque<Job*> queue_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace manifold::content
