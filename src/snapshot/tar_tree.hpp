// WriteTreeTar: a directory tree walked in a canonical order into a TarWriter.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string_view>

#include "snapshot/tar_writer.hpp"
#include "util/error.hpp"

namespace manifold::snapshot {

/// The xattrs a layer carries by default: everything except `system.*` (POSIX ACLs, which tar
/// readers only restore through separate options), `security.selinux` (a host labelling, not
/// image content) and overlayfs' own bookkeeping (`trusted.overlay.*`, `user.overlay.*`).
bool KeepXattrByDefault(std::string_view name);

/// How a tree becomes tar entries.
struct TreeTarOptions {
  /// SOURCE_DATE_EPOCH: mtimes later than this are clamped to it (BuildKit's rewrite).
  std::optional<int64_t> clamp_mtime;
  /// Which xattrs to record.
  std::function<bool(std::string_view)> keep_xattr = KeepXattrByDefault;
  /// The tree is an overlayfs upper dir: a 0/0 character device (a deletion) becomes an
  /// OCI whiteout entry `.wh.NAME`, and a directory marked opaque (trusted.overlay.opaque=y)
  /// gets a `.wh..wh..opq` entry right after it (image-spec layer.md "Whiteouts").
  bool overlay_whiteouts = false;
  /// Prepended to every entry's path ("linux_arm64/"): several trees in one archive.
  std::string path_prefix;
};

/// Parses SOURCE_DATE_EPOCH from the environment: nullopt when unset or empty,
/// InvalidArgument when it is not a non-negative decimal integer.
util::Result<std::optional<int64_t>> SourceDateEpochFromEnv();

/// Adds every entry below `root` (not `root` itself) to `tar`, paths relative to `root`.
/// Order: depth first, each directory's names sorted bytewise, a directory before its
/// contents — so the bytes depend only on the tree, never on readdir order. Per entry: type,
/// permission bits (with setuid/setgid/sticky), numeric uid/gid, mtime in whole seconds
/// (clamped), xattrs (filtered, sorted), symlink targets, device numbers; no atime/ctime, no
/// user names. A regular file or other non-directory with several links appears once with
/// content and then as hardlink entries to the first path (by device and inode). Sockets are
/// skipped (tar cannot hold them). Contents are streamed (bounded memory). Does not call
/// tar.Finish(). Errors name the path; a file changing size mid-read is kConflict.
util::Status WriteTreeTar(const std::filesystem::path& root, TarWriter& tar,
                          const TreeTarOptions& options = {});

}  // namespace manifold::snapshot
