// RootFiles: bounded reads of files inside a scanned root filesystem, never leaving it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.hpp"
#include "util/unique_fd.hpp"

namespace manifold::attest {

/// The root directory of an image's filesystem, opened once. Every path is resolved as a
/// process chrooted there would (util::OpenInRoot): an absolute or `..` symlink planted in the
/// image resolves inside it, so a hostile image cannot make a scan read the host's files.
/// Thread-compatible (const methods only read).
class RootFiles {
 public:
  /// Opens `dir` (a snapshot's read-only view; trusted path). Errors: kNotFound, ...
  static util::Result<RootFiles> Open(const std::filesystem::path& dir);
  int fd() const { return root_.get(); }

  /// The bytes of the regular file at `path` (absolute inside the root), at most `max_bytes`:
  /// nullopt when it does not exist (or a component is not a directory). Errors
  /// (kInvalidArgument) name the path when it is not a regular file, is larger than
  /// `max_bytes`, or resolves through a symlink loop; FailErrno kinds otherwise.
  util::Result<std::optional<std::string>> Read(std::string_view path, size_t max_bytes) const;

 private:
  explicit RootFiles(util::UniqueFd root) : root_(std::move(root)) {}
  util::UniqueFd root_;
};

/// Reads all of the open regular file `fd` (named `what` in errors), at most `max_bytes`;
/// kInvalidArgument when it is not a regular file or is larger. Never blocks on a FIFO when
/// `fd` was opened O_NONBLOCK.
util::Result<std::string> ReadBounded(int fd, std::string_view what, size_t max_bytes);

}  // namespace manifold::attest
