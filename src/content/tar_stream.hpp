// TarWriter / TarReader: small streaming tar access over libarchive, for OCI layout archives.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "util/direct_writer.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"

struct archive;

namespace manifold::content {

/// Writes a deterministic tar (POSIX pax, ustar headers unless a field needs pax) to a file
/// descriptor it does not own. Every entry has uid/gid 0, no user/group names and the given
/// mtime; nothing else from the host leaks in. File data is streamed: BeginFile(), then
/// WriteData() chunks or WriteDataFromFd() copies adding up to exactly the declared size. The
/// bytes are libarchive's, blocked as its defaults block them (the end padded to a whole
/// 10240-byte block), whichever way the data came. Into a regular file the output goes through
/// util::DirectWriter (beside the page cache; file data read with O_DIRECT too); into a pipe or
/// a socket, file data goes by sendfile. Not thread-safe.
class TarWriter {
 public:
  /// Starts an archive on `fd`; `what` names the destination in error messages.
  static util::Result<TarWriter> Open(int fd, std::string what);
  TarWriter(TarWriter&&) noexcept;
  ~TarWriter();

  /// A directory entry (mode 0755). `name` should end in '/'.
  util::Status AddDirectory(std::string_view name, int64_t mtime);
  /// A whole small file (mode 0644).
  util::Status AddFile(std::string_view name, std::string_view data, int64_t mtime);
  /// Starts a file of `size` bytes (mode 0644); its data follows through WriteData().
  util::Status BeginFile(std::string_view name, int64_t size, int64_t mtime);
  util::Status WriteData(std::string_view chunk);
  /// Appends up to `size` bytes of the current file's data read from `fd` (not owned; from its
  /// offset, which advances), the same archive bytes as WriteData() of them. Into a regular file
  /// they are read beside the page cache where `fd` allows it (util::DirectWriter::WriteFromFd);
  /// into a pipe or socket without `hash` the kernel sends them (sendfile); with `hash` they are
  /// hashed on the way. Returns the bytes appended: fewer than `size` only
  /// when `fd` ended first, which leaves the entry short (Finish() then fails).
  util::Result<int64_t> WriteDataFromFd(int fd, int64_t size, util::Sha256* hash = nullptr);
  /// Writes the end-of-archive marker and flushes. Required: an unfinished archive is invalid.
  util::Status Finish();

 private:
  TarWriter(archive* a, std::string what) : archive_(a), what_(std::move(what)) {}
  util::Status CheckPreviousFile();
  util::Status Feed(const char* data, size_t size);
  // Where libarchive's output goes: our own callback, so that an abandoned archive can refuse the
  // end-of-archive marker that freeing it would otherwise write. libarchive's own blocking is
  // off (it would hold a partial block that WriteDataFromFd() cannot get past): the sink buffers
  // small writes itself, counts the stream's bytes to pad the end as libarchive would, and
  // drops the `skip` bytes that stand in for data already copied into the output.
  struct Sink {
    int fd = -1;
    std::unique_ptr<util::DirectWriter> direct;  // for a regular file: all output goes through it
    bool abandoned = false;
    std::string buffer;
    int64_t total = 0;
    int64_t skip = 0;
    util::Status Out(std::string_view bytes);
    util::Status Flush();
  };
  static ssize_t SinkWrite(archive* a, void* client, const void* data, size_t size);
  archive* archive_;
  int bytes_per_block_ = 0;
  int bytes_in_last_block_ = 0;
  std::string what_;
  std::string current_;
  int64_t remaining_ = 0;
  bool finished_ = false;
  std::unique_ptr<Sink> sink_;
};

/// Reads a tar (optionally gzip/zstd-compressed) entry by entry from a file descriptor it does
/// not own. Not thread-safe.
class TarReader {
 public:
  enum class Type { kFile, kDirectory, kOther };
  struct Entry {
    std::string name;  ///< as stored in the archive
    Type type = Type::kOther;
    int64_t size = 0;
  };

  /// `what` names the source in error messages.
  static util::Result<TarReader> Open(int fd, std::string what);
  TarReader(TarReader&&) noexcept;
  ~TarReader();

  /// The next entry, or nullopt at the end of the archive.
  util::Result<std::optional<Entry>> Next();
  /// Reads up to `max` bytes of the current entry's data; empty at its end.
  util::Result<std::string_view> ReadData(size_t max = 1 << 20);

 private:
  TarReader(archive* a, std::string what) : archive_(a), what_(std::move(what)) {}
  archive* archive_;
  std::string what_;
  std::string buffer_;
};

}  // namespace manifold::content
