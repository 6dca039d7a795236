// TempFile and small whole-file helpers.
#include "util/temp_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <random>
#include <vector>

namespace manifold::util {

Result<TempFile> TempFile::Create(const std::filesystem::path& dest) {
  std::filesystem::path dir = dest.parent_path();
  if (dir.empty()) dir = ".";
  std::string pattern = (dir / (".tmp-" + dest.filename().string() + "-XXXXXX")).string();
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  int fd = ::mkostemp(buf.data(), O_CLOEXEC);
  if (fd < 0) return FailErrno(errno, fmt::format("creating a temporary file for {}", dest.string()));
  // mkostemp creates 0600; published files are ordinary readable files.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0644 & ~mask);
  return TempFile(UniqueFd(fd), std::filesystem::path(buf.data()), dest);
}

Result<TempFile> TempFile::CreateUnnamed(const std::filesystem::path& dest) {
  std::filesystem::path dir = dest.parent_path();
  if (dir.empty()) dir = ".";
  if (::access("/proc/self/fd", F_OK) != 0) return Create(dest);
  mode_t mask = ::umask(0);
  ::umask(mask);
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0644 & ~mask);
  if (fd < 0) {
    // EOPNOTSUPP/EISDIR: a filesystem without O_TMPFILE; any other error Create() reports too.
    return Create(dest);
  }
  return TempFile(UniqueFd(fd), std::filesystem::path(), dest);
}

Status TempFile::Name() {
  if (!path_.empty()) return {};
  std::filesystem::path dir = dest_.parent_path().empty() ? "." : dest_.parent_path();
  std::string proc = fmt::format("/proc/self/fd/{}", fd_.get());
  std::random_device random;
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::filesystem::path name = dir / fmt::format(".tmp-{}-{:08x}", dest_.filename().string(), random());
    if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
      path_ = std::move(name);
      return {};
    }
    if (errno != EEXIST) return FailErrno(errno, fmt::format("naming the temporary file for {}", dest_.string()));
  }
  return Fail(ErrorKind::kInternal, "naming the temporary file for {}: every name tried exists", dest_.string());
}

TempFile::TempFile(TempFile&& other) noexcept
    : fd_(std::move(other.fd_)),
      path_(std::move(other.path_)),
      dest_(std::move(other.dest_)),
      done_(std::exchange(other.done_, true)) {}

TempFile::~TempFile() {
  // An unnamed file goes with its descriptor.
  if (!done_ && !path_.empty()) ::unlink(path_.c_str());
}

Status TempFile::Write(std::string_view data) {
  auto st = WriteAll(fd_.get(), data);
  if (!st) return std::unexpected(std::move(st.error()).Context("writing {}", dest_.string()));
  return {};
}

Status TempFile::SyncFile() {
  if (::fsync(fd_.get()) != 0) return FailErrno(errno, fmt::format("fsync {}", path_.string()));
  if (fd_.Close() != 0) return FailErrno(errno, fmt::format("close {}", path_.string()));
  return {};
}

Status TempFile::Commit() {
  MANIFOLD_ASSERT(!done_, "TempFile committed twice");
  MANIFOLD_CHECK(Name());
  MANIFOLD_CHECK(SyncFile());
  if (::rename(path_.c_str(), dest_.c_str()) != 0) {
    return FailErrno(errno, fmt::format("rename {} to {}", path_.string(), dest_.string()));
  }
  done_ = true;
  return SyncDirectory(dest_.parent_path().empty() ? "." : dest_.parent_path());
}

Status TempFile::CommitNoReplace() {
  MANIFOLD_ASSERT(!done_, "TempFile committed twice");
  MANIFOLD_CHECK(Name());
  MANIFOLD_CHECK(SyncFile());
  if (::link(path_.c_str(), dest_.c_str()) != 0 && errno != EEXIST) {
    return FailErrno(errno, fmt::format("link {} to {}", path_.string(), dest_.string()));
  }
  ::unlink(path_.c_str());
  done_ = true;
  return SyncDirectory(dest_.parent_path().empty() ? "." : dest_.parent_path());
}

Status WriteFileAtomic(const std::filesystem::path& dest, std::string_view data) {
  auto file = MANIFOLD_TRY(TempFile::Create(dest));
  MANIFOLD_CHECK(file.Write(data));
  return file.Commit();
}

Result<std::string> ReadFile(const std::filesystem::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return FailErrno(errno, fmt::format("open {}", path.string()));
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return FailErrno(errno, fmt::format("read {}", path.string()));
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

Status WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return FailErrno(errno, "write");
    data.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

Status SyncDirectory(const std::filesystem::path& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) return FailErrno(errno, fmt::format("open directory {}", dir.string()));
  if (::fsync(fd.get()) != 0) return FailErrno(errno, fmt::format("fsync {}", dir.string()));
  return {};
}

}  // namespace manifold::util
