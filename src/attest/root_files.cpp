// Confined, bounded file reads for the scanners.
#include "attest/root_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "util/confined.hpp"

namespace manifold::attest {

util::Result<RootFiles> RootFiles::Open(const std::filesystem::path& dir) {
  auto fd = util::OpenDirectory(dir);
  if (!fd) return std::unexpected(std::move(fd.error()).Context("opening the filesystem to scan"));
  return RootFiles(std::move(*fd));
}

util::Result<std::string> ReadBounded(int fd, std::string_view what, size_t max_bytes) {
  struct stat st {};
  if (fstat(fd, &st) != 0) return util::FailErrno(errno, fmt::format("stat {}", what));
  if (!S_ISREG(st.st_mode)) return util::Fail(util::ErrorKind::kInvalidArgument, "{} is not a regular file", what);
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} is {} bytes, more than the {} a scan reads", what,
                      st.st_size, max_bytes);
  }
  std::string data(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = pread(fd, data.data() + done, data.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return util::FailErrno(errno, fmt::format("read {}", what));
    if (n == 0) break;  // shrank meanwhile: what was there is what we have
    done += static_cast<size_t>(n);
  }
  data.resize(done);
  return data;
}

util::Result<std::optional<std::string>> RootFiles::Read(std::string_view path, size_t max_bytes) const {
  // O_NONBLOCK: a FIFO planted where a database should be must not hang the build.
  auto fd = util::OpenInRoot(root_.get(), path, O_RDONLY | O_NONBLOCK);
  if (!fd) {
    if (fd.error().kind() == util::ErrorKind::kNotFound) return std::nullopt;
    return std::unexpected(std::move(fd.error()));
  }
  return MANIFOLD_TRY(ReadBounded(fd->get(), path, max_bytes));
}

}  // namespace manifold::attest
