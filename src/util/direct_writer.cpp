// DirectWriter: aligned chunks, O_DIRECT where the file takes it, one chunk written in background.
#include "util/direct_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <span>
#include <utility>

#include "util/temp_file.hpp"
#include "util/unique_fd.hpp"

namespace manifold::util {

namespace {

// O_DIRECT wants the buffer address, the length and the file offset aligned to the device's
// logical block (512 or 4096 bytes): 4096 fits both.
constexpr size_t kAlign = 4096;
constexpr size_t kChunk = size_t{1} << 20;
// Only past this many bytes of a stream: a small blob or archive gains nothing from skipping the
// page cache (a no-op rebuild's archive took 4 ms longer), and is more often read back at once.
constexpr int64_t kDirectFrom = int64_t{8} << 20;
// A stream that stays this small (a config, a manifest, an attestation) is kept in an ordinary
// buffer: mapping and zeroing a 2 MiB huge page for it cost ~0.3 ms, a dozen times per no-op
// rebuild.
constexpr size_t kSmall = size_t{64} << 10;

// pwrite(2) all of `data` at `offset`. Under O_DIRECT a filesystem may still refuse a write
// (EINVAL: it took the flag at fcntl but not this write): `*direct` is then cleared on `fd` and
// the rest goes through the page cache.
Status PwriteAll(int fd, std::string_view data, int64_t offset, bool* direct, int original_flags) {
  while (!data.empty()) {
    ssize_t n = ::pwrite(fd, data.data(), data.size(), offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EINVAL && *direct) {
      if (::fcntl(fd, F_SETFL, original_flags) != 0) return FailErrno(errno, "clearing O_DIRECT");
      *direct = false;
      continue;
    }
    if (n < 0) return FailErrno(errno, "write");
    data.remove_prefix(static_cast<size_t>(n));
    offset += n;
  }
  return {};
}

// A descriptor of its own reading `in`'s file with O_DIRECT, or none where that cannot be:
// not a regular file, an offset O_DIRECT cannot start at, less than kDirectFrom to read (not
// worth a disk read that the page cache might have answered), or a filesystem that refuses it.
UniqueFd OpenDirectReader(int in, int64_t offset, int64_t size) {
  struct stat st {};
  if (size < kDirectFrom || offset < 0 || offset % static_cast<int64_t>(kAlign) != 0 ||
      ::fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
    return UniqueFd();
  }
  std::string self = fmt::format("/proc/self/fd/{}", in);
  return UniqueFd(::open(self.c_str(), O_RDONLY | O_DIRECT | O_CLOEXEC));
}

}  // namespace

char* DirectWriter::Chunk(int which) {
  if (!chunks_) chunks_ = HugeBuffer(2 * kChunk);
  return chunks_.data() + static_cast<size_t>(which) * kChunk;
}

char* DirectWriter::ReadBuffer(int which) {
  if (!read_buffers_) read_buffers_ = HugeBuffer(2 * kChunk);
  return read_buffers_.data() + static_cast<size_t>(which) * kChunk;
}

DirectWriter::DirectWriter(int fd, std::string what, Hashing hashing) : fd_(fd), what_(std::move(what)) {
  if (hashing == Hashing::kWritten) hash_.emplace();
}

DirectWriter::~DirectWriter() {
  if (in_flight_.valid()) in_flight_.wait();
  if (direct_) ::fcntl(fd_, F_SETFL, original_flags_);
}

void DirectWriter::SpillSmall() {
  if (small_.empty()) return;
  std::memcpy(Chunk(filling_), small_.data(), small_.size());
  filled_ = small_.size();
  small_ = std::string();
}

Status DirectWriter::Write(std::string_view data) {
  MANIFOLD_ASSERT(!finished_, "DirectWriter written after Finish()");
  if (!chunks_ && small_.size() + data.size() <= kSmall) {
    small_.append(data);
    size_ += static_cast<int64_t>(data.size());
    return {};
  }
  SpillSmall();
  while (!data.empty()) {
    size_t n = std::min(data.size(), kChunk - filled_);
    std::memcpy(Chunk(filling_) + filled_, data.data(), n);
    filled_ += n;
    size_ += static_cast<int64_t>(n);
    data.remove_prefix(n);
    if (filled_ == kChunk) MANIFOLD_CHECK(Submit());
  }
  return {};
}

Status DirectWriter::Start() {
  started_ = true;
  struct stat st {};
  original_flags_ = ::fcntl(fd_, F_GETFL);
  if (original_flags_ < 0 || ::fstat(fd_, &st) != 0) return FailErrno(errno, fmt::format("inspecting {}", what_));
  // An O_APPEND file ignores pwrite's offset (Linux appends): written in order instead.
  positional_ = S_ISREG(st.st_mode) && (original_flags_ & O_APPEND) == 0;
  if (!positional_) return {};
  off_t at = ::lseek(fd_, 0, SEEK_CUR);
  if (at < 0) return FailErrno(errno, fmt::format("seeking in {}", what_));
  offset_ = at;
  start_ = at;
  direct_possible_ = at % static_cast<off_t>(kAlign) == 0;
  return {};
}

Status DirectWriter::Drain() {
  if (!in_flight_.valid()) return {};
  auto written = in_flight_.get();
  if (!written) return std::unexpected(std::move(written.error()).Context("writing {}", what_));
  return {};
}

Status DirectWriter::Submit() {
  if (!started_) MANIFOLD_CHECK(Start());
  // The chunk before is on disk once this returns: its buffer is free, and order is kept.
  MANIFOLD_CHECK(Drain());
  // Whole chunks so far from an aligned start: offset_ is aligned for O_DIRECT too.
  if (direct_possible_ && offset_ - start_ >= kDirectFrom) {
    direct_possible_ = false;
    direct_ = ::fcntl(fd_, F_SETFL, original_flags_ | O_DIRECT) == 0;
  }
  std::string_view bytes(Chunk(filling_), filled_);
  int64_t at = offset_;
  offset_ += static_cast<int64_t>(filled_);
  in_flight_ = std::async(std::launch::async, [this, bytes, at]() -> Status {
    if (hash_) hash_->Update(bytes);
    if (!positional_) return WriteAll(fd_, bytes);
    return PwriteAll(fd_, bytes, at, &direct_, original_flags_);
  });
  filling_ ^= 1;
  filled_ = 0;
  return {};
}

Result<int64_t> DirectWriter::WriteFromFd(int in, int64_t size, Sha256* hash) {
  MANIFOLD_ASSERT(!finished_, "DirectWriter written after Finish()");
  SpillSmall();
  off_t start = ::lseek(in, 0, SEEK_CUR);
  UniqueFd direct_in = OpenDirectReader(in, start, size);
  int64_t done = 0;
  if (direct_in) {
    // Two buffers: the next chunk is read from the device while this one is copied into the
    // writer (whose own chunk meanwhile goes out on its thread).
    auto read_at = [fd = direct_in.get()](char* into, int64_t at) {
      return std::async(std::launch::async, [fd, into, at]() -> std::pair<ssize_t, int> {
        ssize_t n;
        do {
          n = ::pread(fd, into, kChunk, at);
        } while (n < 0 && errno == EINTR);
        return {n, n < 0 ? errno : 0};
      });
    };
    int reading = 0;
    auto next = read_at(ReadBuffer(0), start);
    while (done < size) {
      auto [n, err] = next.get();
      if (n < 0 && err == EINVAL && done == 0) break;  // the flag was taken, this read is not
      if (n < 0) return FailErrno(err, "read");
      if (n == 0) break;
      // O_DIRECT reads whole aligned blocks: past `size` they belong to no one here.
      std::string_view chunk(ReadBuffer(reading), static_cast<size_t>(std::min<int64_t>(n, size - done)));
      bool more = n == static_cast<ssize_t>(kChunk) && done + n < size;
      if (more) next = read_at(ReadBuffer(reading ^ 1), start + done + n);
      if (hash != nullptr) hash->Update(chunk);
      auto written = Write(chunk);
      if (!written) {
        if (more) next.wait();  // it reads into a buffer this writer owns
        return std::unexpected(std::move(written.error()));
      }
      done += static_cast<int64_t>(chunk.size());
      reading ^= 1;
      if (!more) break;
    }
    if (::lseek(in, start + done, SEEK_SET) < 0) return FailErrno(errno, "seek");
    if (done > 0) return done;
  }
  // Read straight into the chunk being filled: no read buffer to fault in, no copy.
  while (done < size) {
    char* into = Chunk(filling_) + filled_;
    ssize_t n = ::read(in, into, static_cast<size_t>(std::min<int64_t>(size - done, static_cast<int64_t>(kChunk - filled_))));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return FailErrno(errno, "read");
    if (n == 0) break;
    if (hash != nullptr) hash->Update(std::string_view(into, static_cast<size_t>(n)));
    filled_ += static_cast<size_t>(n);
    size_ += n;
    done += n;
    if (filled_ == kChunk) MANIFOLD_CHECK(Submit());
  }
  return done;
}

Status DirectWriter::Finish() {
  MANIFOLD_ASSERT(!finished_, "DirectWriter finished twice");
  finished_ = true;
  MANIFOLD_CHECK(Drain());
  std::string_view tail = chunks_ ? std::string_view(Chunk(filling_), filled_) : std::string_view(small_);
  if (hash_) hash_->Update(tail);
  Status written;
  if (!started_ || !positional_) {
    written = WriteAll(fd_, tail);
  } else {
    // The tail is not a whole number of blocks: it goes through the page cache.
    if (direct_ && ::fcntl(fd_, F_SETFL, original_flags_) != 0) return FailErrno(errno, fmt::format("clearing O_DIRECT on {}", what_));
    direct_ = false;
    written = PwriteAll(fd_, tail, offset_, &direct_, original_flags_);
    offset_ += static_cast<int64_t>(tail.size());
    if (written && ::lseek(fd_, offset_, SEEK_SET) < 0) written = FailErrno(errno, "seek");
  }
  chunks_ = HugeBuffer();
  read_buffers_ = HugeBuffer();
  small_ = std::string();
  if (!written) return std::unexpected(std::move(written.error()).Context("writing {}", what_));
  return {};
}

std::string DirectWriter::HexDigest() {
  MANIFOLD_ASSERT(hash_ && finished_, "DirectWriter::HexDigest needs Hashing::kWritten and Finish()");
  return hash_->HexDigest();
}

}  // namespace manifold::util
