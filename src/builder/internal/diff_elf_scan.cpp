// Header-only reads of a diff dir's files: a build's layers are walked, never their contents.
#include "builder/internal/diff_elf_scan.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>

#include <algorithm>
#include <array>
#include <cerrno>

#include <fmt/format.h>

#include "snapshot/overlay_xattr.hpp"
#include "util/confined.hpp"
#include "util/unique_fd.hpp"

namespace manifold::builder::internal {

namespace {

constexpr off_t kMinElfBytes = 20;  // e_ident, e_type, e_machine

util::Result<std::vector<std::string>> List(int dir_fd, const std::string& where) {
  int dup_fd = ::fcntl(dir_fd, F_DUPFD_CLOEXEC, 0);
  if (dup_fd < 0) return util::FailErrno(errno, fmt::format("dup {}", where));
  DIR* dir = ::fdopendir(dup_fd);
  if (dir == nullptr) {
    ::close(dup_fd);
    return util::FailErrno(errno, fmt::format("opendir {}", where));
  }
  std::vector<std::string> names;
  errno = 0;
  while (dirent* d = ::readdir(dir)) {
    std::string_view name = d->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
    errno = 0;
  }
  int err = errno;
  ::closedir(dir);
  if (err != 0) return util::FailErrno(err, fmt::format("readdir {}", where));
  std::sort(names.begin(), names.end());  // listed files come out in the same order every build
  return names;
}

class Scanner {
 public:
  Scanner(std::string root, size_t* headers) : root_(std::move(root)), headers_(headers) {}

  util::Status Walk(int dir_fd, const std::string& prefix) {
    auto names = MANIFOLD_TRY(List(dir_fd, root_ + prefix));
    for (const std::string& name : names) {
      struct stat st;
      if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        return util::FailErrno(errno, fmt::format("stat {}{}{}", root_, prefix, name));
      }
      if (S_ISDIR(st.st_mode)) {
        util::UniqueFd sub(::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!sub) return util::FailErrno(errno, fmt::format("open {}{}{}", root_, prefix, name));
        MANIFOLD_CHECK(Walk(sub.get(), prefix + name + "/"));
      } else if (S_ISREG(st.st_mode) && st.st_size >= kMinElfBytes) {
        MANIFOLD_CHECK(Read(dir_fd, prefix + name, name));
      }
    }
    return {};
  }

  std::vector<ElfFile> files;

 private:
  util::Status Read(int dir_fd, const std::string& path, const std::string& name) {
    // O_NONBLOCK: should the entry have become a fifo since the stat, the open must not hang.
    // O_NOATIME spares the atime write-back; only the owner (or CAP_FOWNER) may ask.
    const int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
    util::UniqueFd fd(::openat(dir_fd, name.c_str(), flags | O_NOATIME));
    if (!fd && errno == EPERM) fd.reset(::openat(dir_fd, name.c_str(), flags));
    if (!fd) return util::FailErrno(errno, fmt::format("open {}{}", root_, path));
    struct stat st;
    if (::fstat(fd.get(), &st) != 0) return util::FailErrno(errno, fmt::format("stat {}{}", root_, path));
    if (!S_ISREG(st.st_mode)) return {};
    std::array<uint8_t, image::kElfHeaderBytes> head{};
    ssize_t n;
    do {
      n = ::pread(fd.get(), head.data(), head.size(), 0);
    } while (n < 0 && errno == EINTR);
    if (n < 0) return util::FailErrno(errno, fmt::format("read {}{}", root_, path));
    ++*headers_;
    auto elf = image::ReadElfHeader(std::span(head.data(), static_cast<size_t>(n)));
    if (elf && !elf->architecture.empty()) files.push_back({"/" + path, std::move(*elf)});
    return {};
  }

  std::string root_;
  size_t* headers_;
};

bool IsOpaque(int dir_fd) { return snapshot::IsOpaqueDir(dir_fd); }

}  // namespace

util::Result<std::vector<ElfFile>> ScanDiffForElf(const std::filesystem::path& diff_dir, size_t* headers) {
  auto dir = MANIFOLD_TRY(util::OpenDirectory(diff_dir));
  Scanner scanner(diff_dir.string() + "/", headers);
  MANIFOLD_CHECK(scanner.Walk(dir.get(), ""));
  return std::move(scanner.files);
}

util::Result<bool> DiffHides(const std::filesystem::path& diff_dir, std::string_view path) {
  auto dir = MANIFOLD_TRY(util::OpenDirectory(diff_dir));
  std::vector<std::string> parts;
  for (size_t start = 0; start < path.size();) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) parts.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    struct stat st;
    if (::fstatat(dir.get(), parts[i].c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno == ENOENT) return false;
      return util::FailErrno(errno, fmt::format("stat {}{}", diff_dir.string(), path));
    }
    // The entry itself: deleted (a 0/0 character device) or replaced. Above it: anything but a
    // directory (a whiteout, a symlink, a file) takes the whole directory away.
    if (i + 1 == parts.size() || !S_ISDIR(st.st_mode)) return true;
    util::UniqueFd sub(::openat(dir.get(), parts[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!sub) return util::FailErrno(errno, fmt::format("open {}/{}", diff_dir.string(), parts[i]));
    if (IsOpaque(sub.get())) return true;
    dir = std::move(sub);
  }
  return false;
}

}  // namespace manifold::builder::internal
