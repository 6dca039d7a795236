// Copying files into a snapshot with Docker's COPY/ADD rules.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "graph/op.hpp"
#include "util/error.hpp"
#include "util/root_path.hpp"
#include "worker/chmod.hpp"
#include "worker/outputs.hpp"
#include "worker/owners.hpp"

namespace manifold::worker {

/// Where a copy reads from: a directory tree treated as its own root.
struct CopySource {
  std::filesystem::path root;
  /// Context sources refuse escapes; stage snapshots resolve as their own chroot would.
  util::EscapePolicy escape = util::EscapePolicy::kClamp;
  /// Paths left out (.dockerignore); relative to `root`.
  PathFilter excluded;
  /// An excluded directory for which this is true is walked anyway (a `!` pattern may
  /// re-include entries below it); it appears in the copy only if something inside does.
  PathFilter walk_excluded;
  /// Files from a build context are owned by root in the image (BuildKit resets them).
  bool reset_owner = false;
  /// How errors call the source ("build context", "stage builder").
  std::string description = "build context";
};

/// What a copy does besides moving bytes, resolved before it starts.
struct CopyOptions {
  std::optional<OwnerIds> owner;        ///< --chown, already resolved
  std::optional<ModeChange> mode;       ///< --chmod
  PathFilter exclude;                   ///< --exclude, relative to each source match
  /// ADD: extract a local tar archive (any compression) into the destination directory.
  std::function<util::Result<bool>(const std::filesystem::path& archive, const std::filesystem::path& dest_dir,
                                    const std::optional<OwnerIds>& owner)>
      unpack;
  /// Bytes of regular files copied so far of the total the copy will make (measured by a walk
  /// before it starts, raised to `copied` if the walk fell short): called after each regular
  /// file, then once more with copied == total if the last call was not already complete.
  /// Unset = not measured.
  std::function<void(int64_t copied, int64_t total)> progress;
};

/// Performs one CopyAction from `source` into the filesystem rooted at `dest_root` (a mounted
/// snapshot), following Docker's rules: wildcards (Go filepath.Match per component), a source
/// directory's contents (not the directory) are copied, a destination ending in "/" or already
/// a directory receives files under their base names, several matches need a directory
/// destination, missing parents are created (0755, owned as --chown says), symlinks and
/// hardlinks are kept as links. Errors: kNotFound "file not found in build context: X",
/// kPermissionDenied for paths leaving a context, kInvalidArgument for bad combinations.
util::Status Copy(const graph::CopyAction& action, const CopySource& source,
                  const std::filesystem::path& dest_root, const CopyOptions& options);

/// Creates every missing directory of `dir` (absolute, resolved inside `root`) with mode 0755,
/// owned by `owner` (root when unset); existing ones are left alone. Returns the resolved path.
util::Result<std::filesystem::path> MakeDirectories(const std::filesystem::path& root, const std::string& dir,
                                                    const std::optional<OwnerIds>& owner);

/// True if `pattern` has wildcard characters (`*`, `?`, `[`).
bool HasWildcard(std::string_view pattern);

}  // namespace manifold::worker
