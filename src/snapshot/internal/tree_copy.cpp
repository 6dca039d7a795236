// MaterializeChain and WriteTreeDiff: lstat-based walks, never following a symlink.
#include "snapshot/internal/tree_copy.hpp"

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <string>

#include "snapshot/overlay_xattr.hpp"
#include "util/entry_copy.hpp"

namespace manifold::snapshot::internal {
namespace {

namespace fs = std::filesystem;

bool IsWhiteout(const struct stat& st) { return S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0); }

bool IsOpaque(const fs::path& dir) { return IsOpaqueDir(dir.c_str()); }

util::Status RemoveAll(const fs::path& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "removing {}: {}", path.string(), ec.message());
  return {};
}

// Everything lstat says about an entry that a copy keeps (times: mtime, as COPY does).
util::EntryMeta MetaOf(const struct stat& st) {
  util::EntryMeta meta;
  meta.uid = st.st_uid;
  meta.gid = st.st_gid;
  meta.mode = st.st_mode & 07777;
  meta.mtime = st.st_mtim;
  return meta;
}

// Owner, xattrs, mode and mtime of the directory `from` onto the new directory `to`.
util::Status CopyDirectoryMetadata(const fs::path& from, const struct stat& st, const fs::path& to) {
  MANIFOLD_CHECK(util::ApplyMeta(to, MetaOf(st), /*is_symlink=*/false));
  return util::CopyXattrs(from, to);
}

// Creates `to` as a copy of the non-directory `from` (or, with kLink, a hard link to it).
util::Status CopyEntry(const fs::path& from, const struct stat& st, const fs::path& to, FileMode mode) {
  if (mode == FileMode::kLink) {
    if (::link(from.c_str(), to.c_str()) != 0) return util::FailErrno(errno, "linking " + to.string());
    return {};
  }
  return util::CopyNonDirectory(from, to, st, MetaOf(st));
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
      MANIFOLD_CHECK(CopyDirectoryMetadata(from, st, to));  // after the children, so their writes keep its mtime
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
  return util::ReadXattrs(a) == util::ReadXattrs(b);
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
    MANIFOLD_CHECK(CopyDirectoryMetadata(changed / prefix, st, in_diff));
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
      MANIFOLD_CHECK(CopyDirectoryMetadata(changed / name, sc, diff / name));
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
