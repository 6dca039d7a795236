// Copying files into a snapshot with Docker's COPY/ADD rules.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include <sys/stat.h>

#include "graph/op.hpp"
#include "util/entry_copy.hpp"
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

/// Where a copy writes: the real tree of a mounted snapshot (DirectoryDestination), or a plan
/// of one kept in memory (worker/internal/copy_plan.hpp) from which a layer is written without
/// the files ever being copied. Copy() makes the same calls on either, so both end with the
/// same entries. Paths are those Resolve() and MakeDirectories() returned, or their children.
class CopyDestination {
 public:
  virtual ~CopyDestination() = default;
  /// `path` resolved inside the destination, as util::RootPath(root, path, follow_last, kClamp).
  virtual util::Result<std::filesystem::path> Resolve(const std::string& path, bool follow_last) = 0;
  /// Creates every missing directory of `dir` (see the MakeDirectories function below).
  virtual util::Result<std::filesystem::path> MakeDirectories(const std::string& dir,
                                                              const std::optional<OwnerIds>& owner) = 0;
  /// The file type (S_IFMT bits) of the entry at `path`, not followed; 0 when there is none.
  virtual mode_t TypeOf(const std::filesystem::path& path) = 0;
  /// Removes the entry at `path`, a directory with its contents; none there is fine.
  virtual util::Status Remove(const std::filesystem::path& path) = 0;
  /// Creates the directory `path` (mode 0700 until SetDirectoryMeta); an existing one is kept.
  virtual util::Status MakeDirectory(const std::filesystem::path& path) = 0;
  /// Removes the directory `path` if it is empty.
  virtual void RemoveIfEmpty(const std::filesystem::path& path) = 0;
  /// Makes `path` (free) another name of the entry at `existing` (a hardlink).
  virtual util::Status Link(const std::filesystem::path& existing, const std::filesystem::path& path) = 0;
  /// Creates `path` (free) as util::CopyNonDirectory does.
  virtual util::Status CopyNonDirectory(const std::filesystem::path& src, const std::filesystem::path& path,
                                        const struct stat& st, const util::EntryMeta& meta) = 0;
  /// Sets owner, mode and mtime of the directory `path`.
  virtual util::Status SetDirectoryMeta(const std::filesystem::path& path, const util::EntryMeta& meta) = 0;
};

/// The files of a mounted snapshot at `root`.
class DirectoryDestination final : public CopyDestination {
 public:
  explicit DirectoryDestination(std::filesystem::path root) : root_(std::move(root)) {}
  util::Result<std::filesystem::path> Resolve(const std::string& path, bool follow_last) override;
  util::Result<std::filesystem::path> MakeDirectories(const std::string& dir,
                                                      const std::optional<OwnerIds>& owner) override;
  mode_t TypeOf(const std::filesystem::path& path) override;
  util::Status Remove(const std::filesystem::path& path) override;
  util::Status MakeDirectory(const std::filesystem::path& path) override;
  void RemoveIfEmpty(const std::filesystem::path& path) override;
  util::Status Link(const std::filesystem::path& existing, const std::filesystem::path& path) override;
  util::Status CopyNonDirectory(const std::filesystem::path& src, const std::filesystem::path& path,
                                const struct stat& st, const util::EntryMeta& meta) override;
  util::Status SetDirectoryMeta(const std::filesystem::path& path, const util::EntryMeta& meta) override;

 private:
  std::filesystem::path root_;
};

/// Performs one CopyAction from `source` into `dest`; the rules are those of the overload below.
/// `options.unpack` (ADD) works on real directories only.
util::Status Copy(const graph::CopyAction& action, const CopySource& source, CopyDestination& dest,
                  const CopyOptions& options);

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
