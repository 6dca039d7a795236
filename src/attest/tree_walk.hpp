// WalkTree: a bounded walk of a root filesystem that never follows a symlink.
#pragma once

#include <sys/stat.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "attest/package.hpp"
#include "attest/root_files.hpp"

namespace manifold::attest {

/// One entry as the walk sees it. `dir_fd` is its directory's fd (valid during the call), for
/// openat(dir_fd, name, … | O_NOFOLLOW); `path` is absolute inside the root ("/usr/bin/x").
struct WalkEntry {
  int dir_fd = -1;
  std::string_view name;
  std::string_view path;
  std::string_view parent_path;  ///< "/usr/bin" ("" for entries of the root)
  const struct stat* st = nullptr;  ///< lstat: a symlink is a symlink
};

/// Bounds of one walk.
struct WalkOptions {
  size_t max_depth = 48;             ///< directories deeper than this are not entered
  size_t max_entries = 2'000'000;    ///< the walk stops after this many entries
};

/// Visits every entry below the root, depth first, in no particular order. For a directory
/// `visit` returns whether to enter it (its return is ignored for other entries). Directories
/// are opened with O_NOFOLLOW from their parent's fd, so the walk cannot leave the root
/// through a symlink or a rename race. Directories that cannot be opened and the bounds being
/// reached are lines in `report.skipped`; `report.entries_walked` counts entries. Never fails.
void WalkTree(const RootFiles& root, const WalkOptions& options, const std::function<bool(const WalkEntry&)>& visit,
              ScanReport& report);

}  // namespace manifold::attest
