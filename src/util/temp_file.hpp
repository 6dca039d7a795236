// TempFile: write a file beside its destination, then publish it atomically (fsync + rename).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/error.hpp"
#include "util/unique_fd.hpp"

namespace manifold::util {

/// A temporary file in the destination's directory. Commit() fsyncs it, renames it over the
/// destination and fsyncs the directory, so a reader sees the old file, or the whole new file,
/// never a part. Destroyed uncommitted, it is unlinked. Not thread-safe.
class TempFile {
 public:
  /// Creates `<dir of dest>/.tmp-<name>-XXXXXX` with mode 0644 (before umask).
  static Result<TempFile> Create(const std::filesystem::path& dest);
  /// Like Create(), but the file has no name until Commit() (O_TMPFILE): a process killed
  /// before then leaves nothing behind, for files written over a long time (an archive begun
  /// when a build starts). path() is empty until then. Where the filesystem has no O_TMPFILE,
  /// or /proc is missing (Commit() links the file through /proc/self/fd), this is Create().
  static Result<TempFile> CreateUnnamed(const std::filesystem::path& dest);

  TempFile(TempFile&& other) noexcept;
  TempFile& operator=(TempFile&&) = delete;
  TempFile(const TempFile&) = delete;
  ~TempFile();

  int fd() const { return fd_.get(); }
  const std::filesystem::path& path() const { return path_; }
  const std::filesystem::path& destination() const { return dest_; }

  /// Appends all of `data`, retrying short writes.
  Status Write(std::string_view data);
  /// fsync, rename over the destination, fsync the directory. The TempFile is spent after.
  Status Commit();
  /// Like Commit(), but leaves an existing destination alone (link + unlink): for
  /// content-addressed files, where an existing file already has the right bytes.
  Status CommitNoReplace();

 private:
  TempFile(UniqueFd fd, std::filesystem::path path, std::filesystem::path dest)
      : fd_(std::move(fd)), path_(std::move(path)), dest_(std::move(dest)) {}
  Status SyncFile();
  // Gives an unnamed file (CreateUnnamed()) its `.tmp-` name beside dest_; nothing otherwise.
  Status Name();

  UniqueFd fd_;
  std::filesystem::path path_;
  std::filesystem::path dest_;
  bool done_ = false;
};

/// Writes `data` to `dest` atomically (TempFile + Commit).
Status WriteFileAtomic(const std::filesystem::path& dest, std::string_view data);
/// Reads a whole file into memory. For small files (manifests, Dockerfiles, configs).
Result<std::string> ReadFile(const std::filesystem::path& path);
/// write(2) all of `data` to `fd`, retrying on EINTR and short writes.
Status WriteAll(int fd, std::string_view data);
/// fsync a directory, so that a rename inside it is durable.
Status SyncDirectory(const std::filesystem::path& dir);

}  // namespace manifold::util
