// Entry metadata onto disk: owners, modes, xattrs and times, never through a final symlink.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <limits>

#include "content/archive_library.hpp"
#include "snapshot/internal/extractor.hpp"
#include "util/id_map.hpp"

namespace manifold::snapshot::internal {

namespace {

// An id the kernel would read as "leave unchanged" (-1) or cannot hold is refused rather
// than truncated into some other user's id.
util::Result<uint32_t> CheckId(la_int64_t id, std::string_view what) {
  if (id < 0 || id >= std::numeric_limits<uint32_t>::max()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} {} is out of range", what, id);
  }
  return static_cast<uint32_t>(id);
}

// Symlinks and device nodes have no fd we may open; their xattrs go through the parent's
// fd as a /proc path whose final component lsetxattr does not follow.
std::string ProcPath(const Target& target) {
  return fmt::format("/proc/self/fd/{}/{}", target.parent_fd, target.name);
}

}  // namespace

util::Status SetOwner(const Target& target, archive_entry* entry, const ApplyOptions& options) {
  uid_t uid;
  gid_t gid;
  if (options.chown) {
    uid = options.chown->uid;
    gid = options.chown->gid;
  } else if (options.preserve_owners) {
    uid = MANIFOLD_TRY(CheckId(content::Archive().entry_uid(entry), "uid"));
    gid = MANIFOLD_TRY(CheckId(content::Archive().entry_gid(entry), "gid"));
  } else {
    return {};
  }
  int rc = target.fd >= 0 ? ::fchown(target.fd, uid, gid)
                          : ::fchownat(target.parent_fd, target.name.c_str(), uid, gid,
                                       AT_SYMLINK_NOFOLLOW);
  if (rc != 0) {
    int err = errno;
    auto error = util::FailErrno(err, fmt::format("chown {}:{}", uid, gid));
    if (err == EPERM) error.error().Context("owners need root; unpack as root or without preserving owners");
    // EINVAL: an id this (rootless) user namespace does not map.
    if (err == EINVAL && !util::SingleIdAdvice().empty()) error.error().Context("{}", util::SingleIdAdvice());
    return error;
  }
  return {};
}

util::Status SetMode(const Target& target, mode_t mode) {
  if (target.is_symlink) return {};
  // fchmodat(AT_SYMLINK_NOFOLLOW): a node swapped for a symlink meanwhile is refused, not
  // followed (glibc implements the flag through O_PATH, or fchmodat2 on new kernels).
  int rc = target.fd >= 0 ? ::fchmod(target.fd, mode)
                          : ::fchmodat(target.parent_fd, target.name.c_str(), mode, AT_SYMLINK_NOFOLLOW);
  if (rc != 0) return util::FailErrno(errno, fmt::format("chmod {:04o}", mode));
  return {};
}

util::Status SetXattrs(const Target& target, archive_entry* entry, WhiteoutMode mode,
                       ApplyStats& stats) {
  content::Archive().entry_xattr_reset(entry);
  const char* name = nullptr;
  const void* value = nullptr;
  size_t size = 0;
  while (content::Archive().entry_xattr_next(entry, &name, &value, &size) == ARCHIVE_OK) {
    std::string_view key = name;
    // overlayfs reads trusted.overlay.* (opaque, redirect, metacopy) as instructions; from an
    // untrusted archive they could reshape a mounted snapshot, so only the overlay-format
    // unpacking of our own layers keeps them.
    // user.overlay.* are the same instructions to a mount with "userxattr" (rootless).
    if ((key.starts_with("trusted.overlay.") || key.starts_with("user.overlay.")) && mode != WhiteoutMode::kOverlay) {
      ++stats.xattrs_skipped;
      continue;
    }
    int rc = target.fd >= 0 ? ::fsetxattr(target.fd, name, value, size, 0)
                            : ::lsetxattr(ProcPath(target).c_str(), name, value, size, 0);
    if (rc == 0) continue;
    int err = errno;
    // As Docker does: a filesystem without xattrs (ENOTSUP), or a namespace we may not write
    // (EPERM: trusted.* unprivileged, user.* on a symlink), loses the xattr, not the layer.
    if (err == ENOTSUP || err == EOPNOTSUPP || err == EPERM) {
      ++stats.xattrs_skipped;
      continue;
    }
    return util::FailErrno(err, fmt::format("set xattr {:?}", key));
  }
  return {};
}

std::optional<std::array<struct timespec, 2>> EntryTimes(archive_entry* entry) {
  if (!content::Archive().entry_mtime_is_set(entry)) return std::nullopt;
  std::array<struct timespec, 2> times{};
  times[1].tv_sec = content::Archive().entry_mtime(entry);
  times[1].tv_nsec = content::Archive().entry_mtime_nsec(entry);
  if (content::Archive().entry_atime_is_set(entry)) {
    times[0].tv_sec = content::Archive().entry_atime(entry);
    times[0].tv_nsec = content::Archive().entry_atime_nsec(entry);
  } else {
    times[0] = times[1];
  }
  return times;
}

util::Status SetTimes(const Target& target, const std::array<struct timespec, 2>& times) {
  int rc = target.fd >= 0 ? ::futimens(target.fd, times.data())
                          : ::utimensat(target.parent_fd, target.name.c_str(), times.data(),
                                        AT_SYMLINK_NOFOLLOW);
  if (rc != 0) return util::FailErrno(errno, "set times");
  return {};
}

}  // namespace manifold::snapshot::internal
