// snapshot::Snapshotter: layered filesystem states on overlayfs, one diff directory per layer.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content/layer_writer.hpp"
#include "util/error.hpp"
#include "util/mount.hpp"

namespace manifold::snapshot {

class Snapshot;
/// A committed filesystem state; nullptr means the empty filesystem.
using SnapshotRef = std::shared_ptr<const Snapshot>;

/// An immutable layer over a parent: `diff_dir` holds what this layer changed, in overlayfs's
/// upper-dir format (a deletion is a 0/0 character device, a replaced directory carries the
/// `trusted.overlay.opaque=y` xattr). Several Snapshots may share one diff dir over different
/// parents (COPY --link results are rebased onto each base). Thread-safe (immutable).
class Snapshot {
 public:
  Snapshot(std::filesystem::path diff_dir, SnapshotRef parent, std::optional<content::LayerResult> blob = std::nullopt)
      : diff_dir_(std::move(diff_dir)), parent_(std::move(parent)), blob_(std::move(blob)) {}
  const std::filesystem::path& diff_dir() const { return diff_dir_; }
  const SnapshotRef& parent() const { return parent_; }
  /// The layer blob this diff was unpacked from (a base image's layer): exporters reuse it
  /// as is, so images built FROM a base share its blobs (and a push can skip or mount them).
  const std::optional<content::LayerResult>& blob() const { return blob_; }
  /// Every layer's diff dir from the bottom (first) to this one (last).
  std::vector<std::filesystem::path> Chain() const;

 private:
  std::filesystem::path diff_dir_;
  SnapshotRef parent_;
  std::optional<content::LayerResult> blob_;
};

/// A snapshot being written: the parent's files are visible and writable at merged(); the
/// changes land in a new diff dir. Commit() unmounts and returns the immutable result.
/// Dropped uncommitted, the changes are discarded. Not thread-safe.
class MutableSnapshot {
 public:
  MutableSnapshot(MutableSnapshot&&) noexcept = default;
  ~MutableSnapshot();
  const std::filesystem::path& merged() const { return merged_; }
  /// Unmounts and returns the new snapshot (parent + the changes made).
  util::Result<SnapshotRef> Commit();

 private:
  friend class Snapshotter;
  MutableSnapshot(std::filesystem::path dir, SnapshotRef parent, util::ScopedMount mount)
      : dir_(std::move(dir)), merged_(dir_ / "merged"), parent_(std::move(parent)), mount_(std::move(mount)) {}
  // Over the empty filesystem: the diff dir itself is written, no mount.
  MutableSnapshot(std::filesystem::path dir, std::filesystem::path diff)
      : dir_(std::move(dir)), merged_(std::move(diff)) {}
  // Native: merged is a full copy of the parent, `base` a hard-link farm of it to diff against.
  MutableSnapshot(std::filesystem::path dir, SnapshotRef parent, std::filesystem::path base)
      : dir_(std::move(dir)), merged_(dir_ / "merged"), parent_(std::move(parent)), base_(std::move(base)) {}
  std::filesystem::path dir_;
  std::filesystem::path merged_;
  SnapshotRef parent_;
  util::ScopedMount mount_;
  std::filesystem::path base_;  ///< native snapshots only
  bool committed_ = false;
};

/// A read-only view of a snapshot's whole filesystem at path(), valid while the object lives.
class ReadView {
 public:
  ReadView(std::filesystem::path path, util::ScopedMount mount)
      : path_(std::move(path)), mount_(std::move(mount)) {}
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  util::ScopedMount mount_;
};

/// How snapshots are made: overlayfs mounts, or plain copies where overlayfs is unavailable
/// (a step writes into a full copy of its parent, and the layer is the difference).
enum class SnapshotterKind { kOverlay, kNative };

/// "overlayfs" or "native".
const char* SnapshotterKindName(SnapshotterKind kind);

/// The kind to use under `dir`: MANIFOLD_SNAPSHOTTER=overlayfs|native forces one (kInvalidArgument
/// for another value); unset, overlayfs when a probe mount works there, native otherwise.
/// `reason` says why (for `manifold inspect`).
util::Result<SnapshotterKind> ChooseSnapshotter(const std::filesystem::path& dir, std::string* reason = nullptr);

/// Makes snapshots under one directory (a build's scratch space under MANIFOLD_ROOT). Needs
/// root and a private mount namespace (util::EnterPrivateMountNamespace). Thread-safe.
class Snapshotter {
 public:
  /// Uses (creating) `dir`; with `remove_on_close`, the whole dir goes when this object does.
  /// The kind is ChooseSnapshotter's unless given.
  static util::Result<std::unique_ptr<Snapshotter>> Open(const std::filesystem::path& dir, bool remove_on_close,
                                                         std::optional<SnapshotterKind> kind = std::nullopt);
  SnapshotterKind kind() const { return kind_; }
  ~Snapshotter();

  /// A writable snapshot over `parent`, mounted read-write. Over nullptr (the empty
  /// filesystem) there is nothing to merge: merged() is the new diff dir itself, unmounted,
  /// because writes through overlayfs cost several times more (measured: `cp -a` of the
  /// big-copy context 17.4 s through overlay, 2.6 s into a plain directory).
  util::Result<MutableSnapshot> Prepare(const SnapshotRef& parent);
  /// A read-only view of `snapshot`'s files (nullptr = an empty directory).
  util::Result<ReadView> View(const SnapshotRef& snapshot);
  /// Whether overlayfs snapshots work under `dir` here (mounts a tiny overlay and removes it):
  /// what `manifold inspect` reports. Needs root and a private mount namespace.
  static util::Status ProbeOverlay(const std::filesystem::path& dir);

  /// A new, empty diff dir that the caller fills directly (layers unpacked from images,
  /// COPY --link results) before wrapping it in a Snapshot.
  util::Result<std::filesystem::path> NewDiffDir();

 private:
  Snapshotter(std::filesystem::path dir, bool remove_on_close, SnapshotterKind kind)
      : dir_(std::move(dir)), remove_on_close_(remove_on_close), kind_(kind) {}
  util::Result<std::filesystem::path> NewDir();

  std::filesystem::path dir_;
  bool remove_on_close_;
  SnapshotterKind kind_;
  std::atomic<uint64_t> next_id_{1};
};

}  // namespace manifold::snapshot
