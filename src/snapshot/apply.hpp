// snapshot::Apply: unpack a (compressed) tar layer onto a directory, confined to it.
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "util/error.hpp"

namespace manifold::snapshot {

/// What `.wh.` entries mean to Apply.
enum class WhiteoutMode {
  /// An OCI layer onto a plain rootfs (image unpacking): `.wh.NAME` deletes NAME (recursively)
  /// from the lower content, `.wh..wh..opq` deletes everything in its directory that this
  /// layer did not put there (OCI image-spec layer.md, "Whiteouts"). Markers are never written.
  kApply,
  /// A layer unpacked as an overlayfs upper dir (the snapshotter): `.wh.NAME` becomes the 0/0
  /// character device NAME, `.wh..wh..opq` the xattr `trusted.overlay.opaque=y` on its dir.
  kOverlay,
  /// A user's archive (ADD): `.wh.` names are ordinary files, as Docker extracts them.
  kLiteral,
};

/// An owner forced onto every entry (COPY/ADD --chown).
struct Owner {
  uid_t uid = 0;
  gid_t gid = 0;
};

/// How Apply treats what an archive says.
struct ApplyOptions {
  WhiteoutMode whiteouts = WhiteoutMode::kApply;
  /// When set, every entry gets this owner, whatever the archive says.
  std::optional<Owner> chown;
  /// chown entries to the archive's uid/gid (when `chown` is unset). Default: only as root.
  bool preserve_owners = ::geteuid() == 0;
  /// Skip character/block devices and fifos (counted in `skipped`). Devices are skipped
  /// anyway when not running as root or when the kernel refuses mknod (a user namespace).
  bool no_devices = false;
  /// Bounds on what the archive may create, 0 meaning none (a decompression bomb's defence):
  /// `max_bytes` counts regular files at their declared sizes, so the holes of a sparse file
  /// count as if written (they become real bytes in every layer tar made from the tree);
  /// `max_entries` counts every entry, whatever its type. A file that would pass the byte
  /// bound is refused before it is created. Exceeding one fails with kInvalidArgument naming
  /// the limit and the entry, followed by `limit_hint` (how the caller lets users raise it).
  uint64_t max_bytes = 0;
  uint64_t max_entries = 0;
  std::string limit_hint;
};

/// What Apply did.
struct ApplyStats {
  uint64_t files = 0;      ///< regular files written
  uint64_t dirs = 0;       ///< directory entries (created or merged into an existing one)
  uint64_t symlinks = 0;
  uint64_t hardlinks = 0;
  uint64_t devices = 0;    ///< character/block devices and fifos created
  uint64_t whiteouts = 0;  ///< `.wh.` markers applied or converted (kApply, kOverlay)
  uint64_t skipped = 0;    ///< entries not created: sockets, refused devices, AUFS metadata
  uint64_t xattrs_skipped = 0;  ///< xattrs the filesystem or our privileges refused
  uint64_t bytes = 0;      ///< regular file content written
  uint64_t declared_bytes = 0;  ///< regular files' sizes, holes included (what max_bytes bounds)
  uint64_t entries = 0;    ///< archive entries read (what max_entries bounds)
};

/// Reads a tar stream from `tar_fd` (plain, gzip, zstd, xz, lzma or bzip2, detected by magic;
/// ustar, pax and GNU tar: long names, sparse files, SCHILY/LIBARCHIVE xattrs) and applies it
/// onto the existing directory `root`, streaming (memory does not grow with file sizes).
///
/// Every path is confined to `root`, whatever the archive says: names are cleaned and a
/// leading "/" means the root; a name that leaves the root lexically ("../x", "a/../../x") is
/// an error, not a rewrite; symlinks are created verbatim (never followed while created) and
/// later entries resolve through them as inside a chroot (`evil -> /etc` then `evil/passwd`
/// writes `<root>/etc/passwd`); hard link targets must exist inside the root. An existing
/// non-directory at a path is replaced; an existing directory is kept for a directory entry
/// (its metadata updated) and removed for any other entry. Modes (setuid bits included),
/// owners (see ApplyOptions), xattrs and mtimes are applied; directory modes and mtimes are
/// set last, so that later entries neither fail on nor disturb them. `trusted.overlay.*`
/// xattrs from the archive are dropped except in WhiteoutMode::kOverlay.
///
/// Errors: kInvalidArgument for a corrupt or truncated stream or a hostile entry, naming the
/// entry; filesystem errors with their FailErrno kind, naming the entry. On error, `root` is
/// left partly written: discard it. The fd is read to the end of the archive, not closed.
/// Not safe against other writers of `root` racing it beyond what confinement guarantees.
util::Result<ApplyStats> Apply(int tar_fd, const std::filesystem::path& root,
                               const ApplyOptions& options = {});

/// Apply onto the directory open at `root_fd` (any fd of it, O_PATH included).
util::Result<ApplyStats> ApplyAt(int tar_fd, int root_fd, const ApplyOptions& options = {});

}  // namespace manifold::snapshot
