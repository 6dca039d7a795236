// Confined opens: openat2(RESOLVE_IN_ROOT), a userspace resolver for older kernels, and the
// create-side helpers (mkdir -p, parent + final name, recursive removal) built on them.
#include "util/confined.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <deque>
#include <vector>

#include "util/root_path.hpp"

namespace manifold::util {

namespace {

// Linux's MAXSYMLINKS: the number of symlinks one resolution may follow before ELOOP.
constexpr int kMaxSymlinks = 40;

using FdOrErrno = std::expected<UniqueFd, int>;


// readlinkat with a growing buffer; `name` may be "" for an O_PATH fd of the link itself.
std::expected<std::string, int> ReadLinkAt(int dir_fd, const char* name) {
  std::string buf(256, '\0');
  for (;;) {
    ssize_t n = ::readlinkat(dir_fd, name, buf.data(), buf.size());
    if (n < 0) return std::unexpected(errno);
    if (static_cast<size_t>(n) < buf.size()) {
      buf.resize(static_cast<size_t>(n));
      return buf;
    }
    buf.resize(buf.size() * 2);
  }
}

// The resolver behind OpenInRootFallback and MkdirAllInRoot. Directories walked so far are
// held open on a stack, so `..` pops an fd instead of looking up ".." on disk: a directory
// moved elsewhere meanwhile cannot carry the walk out of the root. Every component is opened
// with O_NOFOLLOW, so the kernel never follows a symlink on our behalf; we read each one and
// resolve its target from the root (absolute) or from its own directory (relative).
class Walker {
 public:
  Walker(int root_fd, std::string_view path) : root_fd_(root_fd), pending_(SplitPath(path)) {}

  // Opens the final component with `flags`; or, with `mkdir_all`, creates what is missing and
  // returns an O_PATH fd of the final directory.
  FdOrErrno Run(int flags, mode_t mode, bool mkdir_all) {
    const bool nofollow_last = (flags & O_NOFOLLOW) != 0;
    while (!pending_.empty()) {
      std::string comp = std::move(pending_.front());
      pending_.pop_front();
      if (comp == ".") continue;
      if (comp == "..") {
        if (!stack_.empty()) stack_.pop_back();  // clamped at the root, as chroot does
        continue;
      }
      const bool last = pending_.empty();
      if (last && !mkdir_all) {
        int fd = ::openat(Top(), comp.c_str(), flags | O_NOFOLLOW | O_CLOEXEC, mode);
        if (fd >= 0) {
          UniqueFd file(fd);
          if ((flags & O_PATH) == 0 || nofollow_last) return file;
          struct stat st {};
          if (::fstat(fd, &st) != 0) return std::unexpected(errno);
          if (!S_ISLNK(st.st_mode)) return file;
          // An O_PATH open stops at a symlink without failing: follow it ourselves.
          auto link = ReadLinkAt(fd, "");
          if (!link) return std::unexpected(link.error());
          if (int err = Splice(*link); err != 0) return std::unexpected(err);
          continue;
        }
        int err = errno;
        // With O_NOFOLLOW a final symlink fails with ELOOP, or ENOTDIR under O_DIRECTORY.
        if (nofollow_last || (err != ELOOP && err != ENOTDIR)) return std::unexpected(err);
        auto link = ReadLinkAt(Top(), comp.c_str());
        if (!link) return std::unexpected(link.error() == EINVAL ? err : link.error());
        if (int serr = Splice(*link); serr != 0) return std::unexpected(serr);
        continue;
      }
      int fd = ::openat(Top(), comp.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0 && errno == ENOENT && mkdir_all) {
        if (::mkdirat(Top(), comp.c_str(), mode) != 0 && errno != EEXIST) return std::unexpected(errno);
        fd = ::openat(Top(), comp.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC);
      }
      if (fd < 0) return std::unexpected(errno);
      UniqueFd dir(fd);
      struct stat st {};
      if (::fstat(fd, &st) != 0) return std::unexpected(errno);
      if (S_ISLNK(st.st_mode)) {
        auto link = ReadLinkAt(fd, "");
        if (!link) return std::unexpected(link.error());
        if (int err = Splice(*link); err != 0) return std::unexpected(err);
        continue;
      }
      if (!S_ISDIR(st.st_mode)) return std::unexpected(ENOTDIR);
      stack_.push_back(std::move(dir));
    }
    // The path ended on a directory already walked (the root, "x/..", a link to a dir, ...).
    int fd = mkdir_all ? ::openat(Top(), ".", O_PATH | O_DIRECTORY | O_CLOEXEC)
                       : ::openat(Top(), ".", flags | O_CLOEXEC, mode);
    if (fd < 0) return std::unexpected(errno);
    return UniqueFd(fd);
  }

 private:
  int Top() const { return stack_.empty() ? root_fd_ : stack_.back().get(); }

  // Puts a symlink's target in front of what is left to resolve; returns an errno or 0.
  int Splice(const std::string& target) {
    if (++links_ > kMaxSymlinks) return ELOOP;
    if (target.empty()) return ENOENT;
    if (target[0] == '/') stack_.clear();  // absolute targets start again at the root
    auto parts = SplitPath(target);
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) pending_.push_front(std::move(*it));
    return 0;
  }

  int root_fd_;
  std::deque<std::string> pending_;
  std::vector<UniqueFd> stack_;
  int links_ = 0;
};

std::atomic<bool> have_openat2{true};

}  // namespace

Result<UniqueFd> OpenInRootFallback(int root_fd, std::string_view path, int flags, mode_t mode) {
  auto fd = Walker(root_fd, path).Run(flags, mode, false);
  if (!fd) return FailErrno(fd.error(), fmt::format("open {:?} inside the root", std::string(path)));
  return std::move(*fd);
}

Result<UniqueFd> OpenInRoot(int root_fd, std::string_view path, int flags, mode_t mode) {
  if (have_openat2.load(std::memory_order_relaxed)) {
    struct open_how how {};
    how.flags = static_cast<uint64_t>(flags | O_CLOEXEC);
    how.mode = (flags & (O_CREAT | O_TMPFILE)) != 0 ? mode : 0;  // openat2 refuses a stray mode
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    std::string p(path.empty() ? "." : path);
    for (int attempt = 0;; ++attempt) {
      long fd = ::syscall(SYS_openat2, root_fd, p.c_str(), &how, sizeof how);
      if (fd >= 0) return UniqueFd(static_cast<int>(fd));
      // EAGAIN: a concurrent rename raced a ".." lookup; the kernel asks us to retry.
      if (errno == EAGAIN && attempt < 16) continue;
      if (errno != ENOSYS) return FailErrno(errno, fmt::format("open {:?} inside the root", p));
      have_openat2.store(false, std::memory_order_relaxed);
      break;
    }
  }
  return OpenInRootFallback(root_fd, path, flags, mode);
}

Result<UniqueFd> MkdirAllInRoot(int root_fd, std::string_view path, mode_t mode) {
  auto fd = Walker(root_fd, path).Run(0, mode, true);
  if (!fd) return FailErrno(fd.error(), fmt::format("mkdir -p {:?} inside the root", std::string(path)));
  return std::move(*fd);
}

Result<ParentInRoot> OpenParentInRoot(int root_fd, std::string_view path, bool create_parents) {
  std::string cleaned = CleanPath(path);
  if (cleaned.starts_with('/')) cleaned.erase(0, 1);
  if (cleaned.empty() || cleaned == ".") {
    return Fail(ErrorKind::kInvalidArgument, "path {:?} names the root itself", std::string(path));
  }
  if (cleaned == ".." || cleaned.starts_with("../")) {
    return Fail(ErrorKind::kInvalidArgument, "path {:?} leads outside the root", std::string(path));
  }
  size_t slash = cleaned.rfind('/');
  std::string parent = slash == std::string::npos ? "." : cleaned.substr(0, slash);
  ParentInRoot out;
  out.name = slash == std::string::npos ? cleaned : cleaned.substr(slash + 1);
  if (create_parents) {
    out.dir = MANIFOLD_TRY(MkdirAllInRoot(root_fd, parent, 0755));
  } else {
    out.dir = MANIFOLD_TRY(OpenInRoot(root_fd, parent, O_PATH | O_DIRECTORY));
  }
  return out;
}

Status RemoveAllAt(int dir_fd, const std::string& name) {
  struct stat st {};
  if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return {};
    return FailErrno(errno, fmt::format("stat {:?}", name));
  }
  if (!S_ISDIR(st.st_mode)) {
    if (::unlinkat(dir_fd, name.c_str(), 0) != 0 && errno != ENOENT) {
      return FailErrno(errno, fmt::format("remove {:?}", name));
    }
    return {};
  }
  int fd = ::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return FailErrno(errno, fmt::format("open directory {:?}", name));
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    int err = errno;
    ::close(fd);
    return FailErrno(err, fmt::format("read directory {:?}", name));
  }
  // Names first, removal after: unlinking while readdir runs may skip entries.
  std::vector<std::string> children;
  errno = 0;
  while (struct dirent* ent = ::readdir(dir)) {
    std::string_view child = ent->d_name;
    if (child != "." && child != "..") children.emplace_back(child);
  }
  int read_err = errno;
  Status status;
  if (read_err != 0) status = FailErrno(read_err, fmt::format("read directory {:?}", name));
  for (const auto& child : children) {
    if (!status) break;
    status = RemoveAllAt(::dirfd(dir), child);
    if (!status) status.error().Context("removing {:?}", name);
  }
  ::closedir(dir);
  if (!status) return status;
  if (::unlinkat(dir_fd, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
    return FailErrno(errno, fmt::format("remove directory {:?}", name));
  }
  return {};
}

namespace {

// RemoveStubsInRoot below `dir_fd`: removes `name` when it is an empty file, or a directory of
// nothing but such stubs, never following a symlink; says whether `name` is gone.
Result<bool> RemoveStubsAt(int dir_fd, const std::string& name) {
  struct stat st {};
  if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return true;
    return FailErrno(errno, fmt::format("stat {:?}", name));
  }
  if (S_ISREG(st.st_mode) && st.st_size == 0) {
    if (::unlinkat(dir_fd, name.c_str(), 0) != 0 && errno != ENOENT) return FailErrno(errno, fmt::format("remove {:?}", name));
    return true;
  }
  if (!S_ISDIR(st.st_mode)) return false;
  int fd = ::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return FailErrno(errno, fmt::format("open directory {:?}", name));
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    int err = errno;
    ::close(fd);
    return FailErrno(err, fmt::format("read directory {:?}", name));
  }
  std::vector<std::string> children;
  while (struct dirent* ent = ::readdir(dir)) {
    std::string_view child = ent->d_name;
    if (child != "." && child != "..") children.emplace_back(child);
  }
  bool all = true;
  Result<bool> gone = true;
  for (const auto& child : children) {
    gone = RemoveStubsAt(::dirfd(dir), child);
    if (!gone) break;
    all = *gone && all;
  }
  ::closedir(dir);
  if (!gone) return std::unexpected(std::move(gone.error()).Context("in {:?}", name));
  if (!all) return false;
  if (::unlinkat(dir_fd, name.c_str(), AT_REMOVEDIR) != 0) {
    if (errno == ENOTEMPTY || errno == EEXIST) return false;  // something appeared meanwhile
    if (errno != ENOENT) return FailErrno(errno, fmt::format("remove directory {:?}", name));
  }
  return true;
}

}  // namespace

Status RemoveStubsInRoot(int root_fd, std::string_view path) {
  auto parent = OpenParentInRoot(root_fd, path, false);
  if (!parent) {
    if (parent.error().kind() == ErrorKind::kNotFound) return {};
    return std::unexpected(std::move(parent.error()).Context("removing {:?}", std::string(path)));
  }
  auto gone = RemoveStubsAt(parent->dir.get(), parent->name);
  if (!gone) return std::unexpected(std::move(gone.error()).Context("removing {:?}", std::string(path)));
  return {};
}

Result<UniqueFd> OpenDirectory(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return FailErrno(errno, fmt::format("open directory {}", path.string()));
  return UniqueFd(fd);
}

}  // namespace manifold::util
