// Extractor: creates one archive entry at a time inside a root fd (Apply's engine).
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <array>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "snapshot/apply.hpp"
#include "snapshot/internal/entry_path.hpp"
#include "util/error.hpp"
#include "util/unique_fd.hpp"

struct archive;
struct archive_entry;

namespace manifold::snapshot::internal {

/// Where an entry lives: its parent directory (opened inside the root) and its name there.
/// `fd` is an open fd of the entry itself when there is one (regular files, directories).
struct Target {
  int parent_fd = -1;
  const std::string& name;
  int fd = -1;
  bool is_symlink = false;
};

/// Owner, mode, xattrs and times from `entry` onto `target`, in that order: chown clears
/// setuid bits and file capabilities, so it must come before the mode and the xattrs.
/// Symlinks get no mode (they have none); directories get theirs at the end (Finish).
util::Status SetOwner(const Target& target, archive_entry* entry, const ApplyOptions& options);
util::Status SetMode(const Target& target, mode_t mode);
util::Status SetXattrs(const Target& target, archive_entry* entry, WhiteoutMode mode,
                       ApplyStats& stats);
/// The entry's atime and mtime (atime = mtime when the archive has none); nullopt when the
/// archive has no mtime either (the times are then left alone).
std::optional<std::array<struct timespec, 2>> EntryTimes(archive_entry* entry);
util::Status SetTimes(const Target& target, const std::array<struct timespec, 2>& times);

/// Applies archive entries in order onto the directory `root_fd`, confined to it.
/// Not thread-safe; one Extractor per archive.
class Extractor {
 public:
  Extractor(int root_fd, const ApplyOptions& options);

  /// Creates (or, for a whiteout, applies) `entry`, reading its data from `archive`.
  /// Errors name the entry.
  util::Status Entry(archive* archive, archive_entry* entry);
  /// Sets the deferred directory modes and times. Call once, after the last entry.
  util::Status Finish();
  const ApplyStats& stats() const { return stats_; }

 private:
  // A path's parent (created when missing) and name, with what was there removed unless
  // it is a directory and `keep_dir` is set; `kept_dir` says whether one was kept.
  struct Slot {
    util::UniqueFd parent;
    std::string name;
    bool kept_dir = false;
  };
  util::Result<Slot> Prepare(const std::string& path, bool keep_dir);
  // ApplyOptions' bounds: the error naming `what` was exceeded, and `bytes` more charged.
  util::Status LimitExceeded(const std::string& what) const;
  util::Status ChargeBytes(uint64_t bytes);
  util::Status Remember(int parent_fd, const std::string& name);
  bool Created(int parent_fd, const std::string& name) const;

  util::Status Directory(const std::string& path, archive_entry* entry);
  util::Status Regular(archive* archive, const std::string& path, archive_entry* entry);
  util::Status Symlink(const std::string& path, archive_entry* entry);
  util::Status Hardlink(const std::string& path, archive_entry* entry);
  util::Status Special(const std::string& path, archive_entry* entry);

  util::Status ApplyWhiteout(const Whiteout& whiteout);
  util::Status RemoveLower(int dir_fd);
  util::Status OverlayWhiteout(const Whiteout& whiteout);

  int root_fd_;
  ApplyOptions options_;
  ApplyStats stats_;
  bool privileged_;
  // Directory entries this layer wrote, as (device, parent inode, name): opaque directories
  // keep exactly these (OCI: a whiteout hides only lower layers' content).
  std::set<std::tuple<dev_t, ino_t, std::string>> created_;
  // Directory modes and times are set after every entry: a read-only directory must not
  // block its children, and creating children would move its mtime.
  struct DirMeta {
    std::string path;
    mode_t mode;
    std::optional<std::array<struct timespec, 2>> times;
  };
  std::vector<DirMeta> dirs_;
};

}  // namespace manifold::snapshot::internal
