// DirectWriter: a big sequential write to a file through O_DIRECT, beside the page cache.
#pragma once

#include <cstdint>
#include <future>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.hpp"
#include "util/huge_buffer.hpp"
#include "util/sha256.hpp"

namespace manifold::util {

/// Appends a stream of bytes to a file descriptor in 1 MiB chunks, each written on a background
/// thread while the caller fills the next (one chunk in flight, so the bytes land in order).
/// Where the descriptor is a regular file positioned at a multiple of 4096 and its filesystem
/// takes O_DIRECT, full chunks after the first 8 MiB go to the device without passing through
/// the page cache (a smaller output gains nothing from it): for a
/// blob or an archive of hundreds of MB that is written once, fsynced and not read back soon,
/// the page cache is pure cost (a kernel copy and a fresh page per 4 KiB; on a virtual machine
/// whose freed memory returns to the host, refaulting those pages made a 444 MB buffered write
/// take 0.5–1.4 s where O_DIRECT took 0.25 s). Elsewhere (a pipe, a socket, tmpfs, an O_APPEND
/// file, an unaligned offset, a refusal at the first O_DIRECT write) the same chunks are written
/// ordinarily: the bytes are identical either way. A stream shorter than one chunk is written
/// by Finish() in one ordinary write. The descriptor's flags are restored and its offset left
/// at the end of what was written by Finish(). Not thread-safe: one caller.
class DirectWriter {
 public:
  /// How the writer hashes what it writes: not at all, or every byte in stream order (on the
  /// background thread, so the hash costs the caller nothing; read it after Finish()).
  enum class Hashing { kNone, kWritten };

  /// `fd` (not owned) must stay open until Finish() or destruction; `what` names the file in
  /// error messages.
  DirectWriter(int fd, std::string what, Hashing hashing = Hashing::kNone);
  /// Waits for a chunk in flight. Without Finish(), the buffered tail is not written.
  ~DirectWriter();
  DirectWriter(const DirectWriter&) = delete;
  DirectWriter& operator=(const DirectWriter&) = delete;

  /// Appends `data` (copied before returning). Errors: the write that failed, with errno.
  Status Write(std::string_view data);
  /// Appends up to `size` bytes read from `in` (not owned) from its offset, which advances by
  /// what was read. 8 MiB or more from a regular `in` at an aligned offset are read with
  /// O_DIRECT too (through a descriptor of its own), so its pages do not enter the page cache. With `hash`, the
  /// bytes read are hashed on the calling thread. Returns the bytes appended: fewer than `size`
  /// only when `in` ended first.
  Result<int64_t> WriteFromFd(int in, int64_t size, Sha256* hash = nullptr);
  /// Writes the rest, restores the descriptor's flags and leaves its offset at the end.
  /// The writer is spent after.
  Status Finish();
  /// The SHA-256 (hex) of every byte written; only with Hashing::kWritten, after Finish().
  std::string HexDigest();
  /// Bytes appended so far.
  int64_t size() const { return size_; }

 private:
  Status Submit();
  Status Drain();
  Status Start();

  int fd_;
  std::string what_;
  std::optional<Sha256> hash_;
  char* Chunk(int which);      // chunks_'s halves, mapped at first use
  char* ReadBuffer(int which);  // read_buffers_'s halves
  // Two 1 MiB chunks in one huge page: the one the caller fills and the one in flight.
  HugeBuffer chunks_;
  HugeBuffer read_buffers_;  // WriteFromFd()'s two, for O_DIRECT reads
  // What Write() was given while the stream is small (chunks_ not yet mapped); moved into the
  // chunk being filled when it grows (SpillSmall), or written by Finish().
  std::string small_;
  void SpillSmall();
  int filling_ = 0;          // which of chunks_ the caller fills
  size_t filled_ = 0;        // bytes in chunks_[filling_]
  std::future<Status> in_flight_;
  bool started_ = false;     // the first full chunk decided how to write
  bool positional_ = false;  // pwrite at offset_ (a regular file without O_APPEND)
  bool direct_possible_ = false;  // an aligned start: O_DIRECT once kDirectFrom bytes are out
  bool direct_ = false;      // O_DIRECT is set on fd_
  int original_flags_ = 0;
  int64_t start_ = 0;        // the descriptor's offset when the first chunk went out
  int64_t offset_ = 0;       // where the next chunk goes (positional only)
  int64_t size_ = 0;
  bool finished_ = false;
};

}  // namespace manifold::util
