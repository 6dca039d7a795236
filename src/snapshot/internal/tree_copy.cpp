// MaterializeChain and WriteTreeDiff: lstat-based walks, never following a symlink.
#include "snapshot/internal/tree_copy.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <string>

#include "util/unique_fd.hpp"

namespace manifold::snapshot::internal {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kOverlayXattrPrefix = "trusted.overlay.";

bool IsWhiteout(const struct stat& st) { return S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0); }

bool IsOpaque(const fs::path& dir) {
  char value[2] = {};
  return ::lgetxattr(dir.c_str(), "trusted.overlay.opaque", value, sizeof value) == 1 && value[0] == 'y';
}

// Every xattr of `path` but overlayfs's own, sorted by name.
std::map<std::string, std::string> Xattrs(const fs::path& path) {
  std::map<std::string, std::string> out;
  ssize_t size = ::llistxattr(path.c_str(), nullptr, 0);
  if (size <= 0) return out;
  std::string names(static_cast<size_t>(size), '\0');
  size = ::llistxattr(path.c_str(), names.data(), names.size());
  if (size <= 0) return out;
  for (size_t at = 0; at < static_cast<size_t>(size);) {
    std::string name(names.c_str() + at);
    at += name.size() + 1;
    if (name.starts_with(kOverlayXattrPrefix)) continue;
    ssize_t len = ::lgetxattr(path.c_str(), name.c_str(), nullptr, 0);
    if (len < 0) continue;
    std::string value(static_cast<size_t>(len), '\0');
    len = ::lgetxattr(path.c_str(), name.c_str(), value.data(), value.size());
    if (len >= 0) out[name] = value.substr(0, static_cast<size_t>(len));
  }
  return out;
}

util::Status RemoveAll(const fs::path& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "removing {}: {}", path.string(), ec.message());
  return {};
}

// Owner, xattrs, mode and times of `from` onto the new `to` (same type); symlinks get owner,
// xattrs and times only.
util::Status CopyMetadata(const fs::path& from, const struct stat& st, const fs::path& to) {
  if (::lchown(to.c_str(), st.st_uid, st.st_gid) != 0) return util::FailErrno(errno, "chown " + to.string());
  for (const auto& [name, value] : Xattrs(from)) {
    if (::lsetxattr(to.c_str(), name.c_str(), value.data(), value.size(), 0) != 0 && errno != ENOTSUP) {
      return util::FailErrno(errno, "setting xattr " + name + " on " + to.string());
    }
  }
  if (!S_ISLNK(st.st_mode) && ::chmod(to.c_str(), st.st_mode & 07777) != 0) {
    return util::FailErrno(errno, "chmod " + to.string());
  }
  struct timespec times[2] = {st.st_atim, st.st_mtim};
  if (::utimensat(AT_FDCWD, to.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0) {
    return util::FailErrno(errno, "setting times of " + to.string());
  }
  return {};
}

util::Status CopyFileData(const fs::path& from, const fs::path& to) {
  util::UniqueFd in(::open(from.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (!in) return util::FailErrno(errno, "opening " + from.string());
  util::UniqueFd out(::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!out) return util::FailErrno(errno, "creating " + to.string());
  for (;;) {
    ssize_t n = ::copy_file_range(in.get(), nullptr, out.get(), nullptr, 1 << 30, 0);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      // Another filesystem or an old kernel: plain reads and writes.
      char buffer[1 << 16];
      for (;;) {
        ssize_t r = ::read(in.get(), buffer, sizeof buffer);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return util::FailErrno(errno, "reading " + from.string());
        if (r == 0) return {};
        for (ssize_t done = 0; done < r;) {
          ssize_t w = ::write(out.get(), buffer + done, static_cast<size_t>(r - done));
          if (w < 0 && errno == EINTR) continue;
          if (w < 0) return util::FailErrno(errno, "writing " + to.string());
          done += w;
        }
      }
    }
  }
  return {};
}

// Creates `to` as a copy of the non-directory `from` (or, with kLink, a hard link to it).
util::Status CopyEntry(const fs::path& from, const struct stat& st, const fs::path& to, FileMode mode) {
  if (mode == FileMode::kLink) {
    if (::link(from.c_str(), to.c_str()) != 0) return util::FailErrno(errno, "linking " + to.string());
    return {};
  }
  if (S_ISREG(st.st_mode)) {
    MANIFOLD_CHECK(CopyFileData(from, to));
  } else if (S_ISLNK(st.st_mode)) {
    std::string target(static_cast<size_t>(st.st_size) + 1, '\0');
    ssize_t n = ::readlink(from.c_str(), target.data(), target.size());
    if (n < 0) return util::FailErrno(errno, "reading link " + from.string());
    target.resize(static_cast<size_t>(n));
    if (::symlink(target.c_str(), to.c_str()) != 0) return util::FailErrno(errno, "creating link " + to.string());
  } else if (::mknod(to.c_str(), st.st_mode, st.st_rdev) != 0) {
    return util::FailErrno(errno, "creating " + to.string());
  }
  return CopyMetadata(from, st, to);
}

// Stacks one diff dir's `rel` level onto `dest`.
util::Status ApplyLevel(const fs::path& diff, const fs::path& dest, FileMode mode) {
  std::vector<fs::path> dirs_to_stamp;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(diff, ec)) {
    const fs::path& from = entry.path();
    fs::path to = dest / from.filename();
    struct stat st {}, existing {};
    if (::lstat(from.c_str(), &st) != 0) return util::FailErrno(errno, "reading " + from.string());
    bool exists = ::lstat(to.c_str(), &existing) == 0;
    if (IsWhiteout(st)) {
      if (exists) MANIFOLD_CHECK(RemoveAll(to));
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      if (exists && (!S_ISDIR(existing.st_mode) || IsOpaque(from))) {
        MANIFOLD_CHECK(RemoveAll(to));
        exists = false;
      }
      if (!exists && ::mkdir(to.c_str(), 0700) != 0) return util::FailErrno(errno, "creating " + to.string());
      MANIFOLD_CHECK(ApplyLevel(from, to, mode));
      MANIFOLD_CHECK(CopyMetadata(from, st, to));  // after the children, so their writes keep its mtime
      continue;
    }
    if (exists) MANIFOLD_CHECK(RemoveAll(to));
    MANIFOLD_CHECK(CopyEntry(from, st, to, mode));
  }
  if (ec) return util::Fail(util::ErrorKind::kInternal, "listing {}: {}", diff.string(), ec.message());
  return {};
}

bool SameEntry(const fs::path& a, const struct stat& sa, const fs::path& b, const struct stat& sb) {
  if ((sa.st_mode & S_IFMT) != (sb.st_mode & S_IFMT) || sa.st_mode != sb.st_mode || sa.st_uid != sb.st_uid ||
      sa.st_gid != sb.st_gid || sa.st_rdev != sb.st_rdev) {
    return false;
  }
  if (!S_ISDIR(sa.st_mode) && (sa.st_size != sb.st_size || sa.st_mtim.tv_sec != sb.st_mtim.tv_sec ||
                               sa.st_mtim.tv_nsec != sb.st_mtim.tv_nsec)) {
    return false;
  }
  if (S_ISLNK(sa.st_mode)) {
    std::error_code ea, eb;
    if (fs::read_symlink(a, ea) != fs::read_symlink(b, eb)) return false;
  }
  return Xattrs(a) == Xattrs(b);
}

// Makes `diff/rel`'s parent directories exist, each with `changed`'s metadata.
util::Status EnsureParents(const fs::path& changed, const fs::path& diff, const fs::path& rel) {
  fs::path prefix;
  for (const auto& part : rel.parent_path()) {
    prefix /= part;
    fs::path in_diff = diff / prefix;
    struct stat st {};
    if (::lstat(in_diff.c_str(), &st) == 0) continue;
    if (::lstat((changed / prefix).c_str(), &st) != 0) return util::FailErrno(errno, "reading " + (changed / prefix).string());
    if (::mkdir(in_diff.c_str(), 0700) != 0) return util::FailErrno(errno, "creating " + in_diff.string());
    MANIFOLD_CHECK(CopyMetadata(changed / prefix, st, in_diff));
  }
  return {};
}

util::Status DiffLevel(const fs::path& base, const fs::path& changed, const fs::path& diff, const fs::path& rel) {
  std::error_code ec;
  // What the step added or changed.
  for (const auto& entry : fs::directory_iterator(changed / rel, ec)) {
    fs::path name = rel / entry.path().filename();
    struct stat sc {}, sb {};
    if (::lstat((changed / name).c_str(), &sc) != 0) return util::FailErrno(errno, "reading " + (changed / name).string());
    bool in_base = ::lstat((base / name).c_str(), &sb) == 0;
    bool both_dirs = in_base && S_ISDIR(sc.st_mode) && S_ISDIR(sb.st_mode);
    if (in_base && SameEntry(base / name, sb, changed / name, sc)) {
      if (both_dirs) MANIFOLD_CHECK(DiffLevel(base, changed, diff, name));
      continue;
    }
    MANIFOLD_CHECK(EnsureParents(changed, diff, name));
    if (S_ISDIR(sc.st_mode)) {
      struct stat sd {};
      if (::lstat((diff / name).c_str(), &sd) != 0 && ::mkdir((diff / name).c_str(), 0700) != 0) {
        return util::FailErrno(errno, "creating " + (diff / name).string());
      }
      if (both_dirs) {
        MANIFOLD_CHECK(DiffLevel(base, changed, diff, name));
      } else {
        // A new directory: everything below is new too (an empty base shows that).
        MANIFOLD_CHECK(DiffLevel(diff / ".manifold-none", changed, diff, name));
      }
      MANIFOLD_CHECK(CopyMetadata(changed / name, sc, diff / name));
      continue;
    }
    MANIFOLD_CHECK(CopyEntry(changed / name, sc, diff / name, FileMode::kCopy));
  }
  if (ec) return util::Fail(util::ErrorKind::kInternal, "listing {}: {}", (changed / rel).string(), ec.message());
  // What the step deleted: whiteouts.
  for (const auto& entry : fs::directory_iterator(base / rel, ec)) {
    fs::path name = rel / entry.path().filename();
    struct stat sc {};
    if (::lstat((changed / name).c_str(), &sc) == 0) continue;
    MANIFOLD_CHECK(EnsureParents(changed, diff, name));
    if (::mknod((diff / name).c_str(), S_IFCHR | 0, makedev(0, 0)) != 0) {
      return util::FailErrno(errno, "writing the whiteout " + (diff / name).string());
    }
  }
  ec.clear();  // a base level that does not exist (a new directory) has nothing deleted
  return {};
}

}  // namespace

util::Status MaterializeChain(const std::vector<fs::path>& chain, const fs::path& dest, FileMode mode) {
  for (const auto& diff : chain) {
    auto applied = ApplyLevel(diff, dest, mode);
    if (!applied) return std::unexpected(std::move(applied.error()).Context("stacking layer {}", diff.string()));
  }
  return {};
}

util::Status WriteTreeDiff(const fs::path& base, const fs::path& changed, const fs::path& diff) {
  return DiffLevel(base, changed, diff, "");
}

}  // namespace manifold::snapshot::internal
