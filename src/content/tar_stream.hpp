// TarWriter / TarReader: small streaming tar access for OCI layout archives.
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

class ArchiveInput;

/// Writes a deterministic tar (POSIX pax, ustar headers unless a field needs pax) to a file
/// descriptor it does not own. Every entry has uid/gid 0, no user/group names and the given
/// mtime; nothing else from the host leaks in. File data is streamed: BeginFile(), then
/// WriteData() chunks or WriteDataFromFd() copies adding up to exactly the declared size. The
/// headers are content::AppendTarHeader's; the archive ends with the two zero blocks and is
/// padded to a whole 10240-byte block (tar's and libarchive's default blocking), whichever way
/// the data came. Into a regular file the output goes through util::DirectWriter (beside the
/// page cache; file data read with O_DIRECT too); into a pipe or a socket, file data goes by
/// sendfile. An archive abandoned before Finish() gets no end-of-archive marker, so that a
/// truncated stream never looks complete. Not thread-safe.
class TarWriter {
 public:
  /// Starts an archive on `fd`; `what` names the destination in error messages.
  static util::Result<TarWriter> Open(int fd, std::string what);
  /// Goes on with an archive whose first `written` bytes (whole entries, as this class writes
  /// them) are already in `fd`, which is positioned at their end (content::LayoutTarHead).
  static util::Result<TarWriter> Continue(int fd, std::string what, int64_t written);
  /// The header bytes an entry of this class's archives begins with (one 512-byte record
  /// unless a field needs pax). Errors: a name that no tar header can carry.
  static util::Result<std::string> EntryHeader(std::string_view name, bool directory, int64_t size, int64_t mtime);
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
  TarWriter(int fd, std::string what) : fd_(fd), what_(std::move(what)) {}
  util::Status CheckPreviousFile();
  util::Status Header(std::string_view name, bool directory, int64_t size, int64_t mtime);
  // Into a pipe or socket, small writes (headers, padding, small files) gather in buffer_ and
  // large ones go straight out; into a regular file everything goes to direct_, which buffers.
  util::Status Put(std::string_view bytes);
  util::Status Flush();
  // Zeros to the next 512-byte record once the current entry's data is complete.
  util::Status EndEntryIfComplete();
  int fd_ = -1;
  std::unique_ptr<util::DirectWriter> direct_;  // for a regular file: all output goes through it
  std::string what_;
  std::string buffer_;
  int64_t total_ = 0;  // bytes of the archive so far, buffered or out
  std::string current_;
  int64_t size_ = 0;
  int64_t remaining_ = 0;
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
  TarReader(archive* a, std::unique_ptr<ArchiveInput> input, std::string what);
  std::unique_ptr<ArchiveInput> input_;  // read by archive_ until the destructor frees it
  archive* archive_;
  std::string what_;
  std::string buffer_;
};

}  // namespace manifold::content
