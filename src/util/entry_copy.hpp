// Copying one non-directory entry with its metadata (owner, mode, mtime, xattrs): COPY and the native snapshotter.
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <string>

#include "util/error.hpp"

namespace manifold::util {

/// The metadata a copied entry ends with.
struct EntryMeta {
  uid_t uid = 0;
  gid_t gid = 0;
  mode_t mode = 0644;  ///< permission bits incl. setuid/setgid/sticky
  timespec mtime{};
};

/// Creates `dst` (which must not exist) as a copy of `src` (a regular file, symlink, fifo or
/// device, described by `st`), with `meta` and `src`'s extended attributes.
Status CopyNonDirectory(const std::filesystem::path& src, const std::filesystem::path& dst,
                              const struct stat& st, const EntryMeta& meta);

/// Sets owner, mode (not for symlinks) and mtime of an existing entry.
Status ApplyMeta(const std::filesystem::path& path, const EntryMeta& meta, bool is_symlink);

/// The extended attributes of `path` (not followed), leaving out overlayfs's own
/// (trusted.overlay.*), by name.
std::map<std::string, std::string> ReadXattrs(const std::filesystem::path& path);

/// Copies extended attributes, leaving out overlayfs's own (trusted.overlay.*).
Status CopyXattrs(const std::filesystem::path& src, const std::filesystem::path& dst);

}  // namespace manifold::util
