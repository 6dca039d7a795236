// Whiteout markers: applied as deletions (image unpacking) or converted to overlayfs's form.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>

#include "snapshot/internal/extractor.hpp"
#include "snapshot/overlay_xattr.hpp"
#include "util/confined.hpp"

namespace manifold::snapshot::internal {

namespace {

util::Result<std::vector<std::string>> ListDir(int dir_fd) {
  int fd = ::openat(dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return util::FailErrno(errno, "open directory");
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    int err = errno;
    ::close(fd);
    return util::FailErrno(err, "read directory");
  }
  std::vector<std::string> names;
  errno = 0;
  while (struct dirent* ent = ::readdir(dir)) {
    std::string_view name = ent->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  int err = errno;
  ::closedir(dir);
  if (err != 0) return util::FailErrno(err, "read directory");
  return names;
}

}  // namespace

util::Status Extractor::ApplyWhiteout(const Whiteout& whiteout) {
  if (whiteout.kind == WhiteoutKind::kMeta) {
    ++stats_.skipped;  // AUFS hardlink bookkeeping (.wh..wh.plnk, .wh..wh.aufs): never content
    return {};
  }
  ++stats_.whiteouts;
  if (whiteout.kind == WhiteoutKind::kRemove) {
    auto parent = util::OpenParentInRoot(root_fd_, whiteout.target, false);
    if (!parent) {
      if (parent.error().kind() == util::ErrorKind::kNotFound) return {};  // nothing below to hide
      return std::unexpected(std::move(parent.error()));
    }
    // OCI layer.md: a whiteout hides only lower layers' files; one this layer wrote stays.
    if (Created(parent->dir.get(), parent->name)) return {};
    return util::RemoveAllAt(parent->dir.get(), parent->name);
  }
  int fd = -1;
  if (whiteout.target == ".") {
    fd = ::openat(root_fd_, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  } else {
    auto parent = util::OpenParentInRoot(root_fd_, whiteout.target, false);
    if (!parent) {
      if (parent.error().kind() == util::ErrorKind::kNotFound) return {};
      return std::unexpected(std::move(parent.error()));
    }
    fd = ::openat(parent->dir.get(), parent->name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  }
  if (fd < 0) {
    // No directory there (or a symlink, which has no children of its own): nothing to hide.
    if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP) return {};
    return util::FailErrno(errno, fmt::format("open opaque directory {:?}", whiteout.target));
  }
  util::UniqueFd dir(fd);
  return RemoveLower(dir.get());
}

// Opaque directory: whatever this layer did not write goes, at any depth. A directory that
// still holds this layer's entries afterwards stays (it was their implied parent).
util::Status Extractor::RemoveLower(int dir_fd) {
  auto names = MANIFOLD_TRY(ListDir(dir_fd));
  for (const auto& name : names) {
    struct stat st {};
    if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno == ENOENT) continue;
      return util::FailErrno(errno, fmt::format("stat {:?}", name));
    }
    const bool created = Created(dir_fd, name);
    if (!S_ISDIR(st.st_mode)) {
      if (!created && ::unlinkat(dir_fd, name.c_str(), 0) != 0 && errno != ENOENT) {
        return util::FailErrno(errno, fmt::format("remove {:?}", name));
      }
      continue;
    }
    int fd = ::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return util::FailErrno(errno, fmt::format("open directory {:?}", name));
    util::UniqueFd child(fd);
    auto status = RemoveLower(child.get());
    if (!status) return std::unexpected(std::move(status.error()).Context("in {:?}", name));
    if (!created && ::unlinkat(dir_fd, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOTEMPTY &&
        errno != ENOENT) {
      return util::FailErrno(errno, fmt::format("remove directory {:?}", name));
    }
  }
  return {};
}

util::Status Extractor::OverlayWhiteout(const Whiteout& whiteout) {
  if (whiteout.kind == WhiteoutKind::kMeta) {
    ++stats_.skipped;
    return {};
  }
  ++stats_.whiteouts;
  if (whiteout.kind == WhiteoutKind::kRemove) {
    Slot slot = MANIFOLD_TRY(Prepare(whiteout.target, false));
    // overlayfs reads a 0/0 character device in an upper dir as "deleted below".
    if (::mknodat(slot.parent.get(), slot.name.c_str(), S_IFCHR, makedev(0, 0)) != 0) {
      return std::unexpected(util::FailErrno(errno, "mknod overlay whiteout")
                                 .error()
                                 .Context("overlay whiteouts need CAP_MKNOD (run as root)"));
    }
    return Remember(slot.parent.get(), slot.name);
  }
  util::UniqueFd path_fd = MANIFOLD_TRY(util::MkdirAllInRoot(root_fd_, whiteout.target, 0755));
  int fd = ::openat(path_fd.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return util::FailErrno(errno, "open opaque directory");
  util::UniqueFd dir(fd);
  if (::fsetxattr(dir.get(), OpaqueXattrName(), "y", 1, 0) != 0) {
    return std::unexpected(util::FailErrno(errno, fmt::format("set {}", OpaqueXattrName()))
                               .error()
                               .Context("overlay opaque directories need CAP_SYS_ADMIN (run as root)"));
  }
  return {};
}

}  // namespace manifold::snapshot::internal
