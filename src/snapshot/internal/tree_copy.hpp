// The copying snapshotter's tree work: stacking diff dirs into a plain tree, and diffing two trees.
#pragma once

#include <filesystem>
#include <vector>

#include "util/error.hpp"

namespace manifold::snapshot::internal {

/// How MaterializeChain creates files: hard links to the diff dirs' inodes (cheap, for trees
/// nobody writes: a base to compare with, a read-only view) or copies (a tree a step writes).
enum class FileMode { kLink, kCopy };

/// Builds in `dest` (an empty directory) the filesystem that `chain` (diff dirs in overlayfs
/// upper format, bottom first) stacks up to: a 0/0 character device deletes, a directory with
/// `trusted.overlay.opaque=y` hides what lower layers had below it. Owners, modes, times and
/// xattrs (but the overlay ones) are kept; with kLink, files share their inodes with the diff
/// dirs and only directories are new. All paths stay under `dest`: nothing is followed.
util::Status MaterializeChain(const std::vector<std::filesystem::path>& chain, const std::filesystem::path& dest,
                              FileMode mode);

/// Writes into `diff` (empty) what turns `base` into `changed`, in overlayfs upper format: new
/// and changed entries (type, mode, owner, size, mtime, device number, link target or xattrs
/// differ) copied with their parents, deleted ones as 0/0 character devices. Used where
/// overlayfs is unavailable, after a step wrote into a full copy.
util::Status WriteTreeDiff(const std::filesystem::path& base, const std::filesystem::path& changed,
                           const std::filesystem::path& diff);

}  // namespace manifold::snapshot::internal
