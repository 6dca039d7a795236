// snapshot::Snapshotter: layered filesystem states on overlayfs, one diff directory per layer.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
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

/// What a build knows of a layer it wrote straight as a blob (a COPY from the context into an
/// empty layer, worker/direct_layer.hpp) instead of into a diff dir.
struct BuiltLayer {
  /// content::LayerVariantName of the settings the blob was made with: an exporter reuses the
  /// blob only for the same settings.
  std::string variant;
  /// Every regular file of the layer that begins with the ELF magic: its path (relative, no
  /// leading '/') and its first bytes (up to image::kElfHeaderBytes), for the WrongArchBinary
  /// check, which then needs no unpack.
  std::vector<std::pair<std::string, std::string>> elf_heads;

  bool operator==(const BuiltLayer&) const = default;
};

/// An immutable layer over a parent: `diff_dir` holds what this layer changed, in overlayfs's
/// upper-dir format (a deletion is a 0/0 character device, a replaced directory carries the
/// `trusted.overlay.opaque=y` xattr). Several Snapshots may share one diff dir over different
/// parents (COPY --link results are rebased onto each base). A layer known only as a blob (a
/// base image's, an imported cache's) has an empty diff_dir until the Snapshotter unpacks it
/// through its LayerSource; one with neither is a step that changed nothing. Thread-safe
/// (immutable).
class Snapshot {
 public:
  Snapshot(std::filesystem::path diff_dir, SnapshotRef parent, std::optional<content::LayerResult> blob = std::nullopt,
           std::shared_ptr<const BuiltLayer> built = nullptr)
      : diff_dir_(std::move(diff_dir)), parent_(std::move(parent)), blob_(std::move(blob)), built_(std::move(built)) {}
  const std::filesystem::path& diff_dir() const { return diff_dir_; }
  const SnapshotRef& parent() const { return parent_; }
  /// The layer blob this diff was unpacked from (a base image's layer): exporters reuse it
  /// as is, so images built FROM a base share its blobs (and a push can skip or mount them).
  const std::optional<content::LayerResult>& blob() const { return blob_; }
  /// Set when this build (or an earlier one, through the cache) made blob() itself from its
  /// own files rather than taking it from a base image or an imported cache.
  const std::shared_ptr<const BuiltLayer>& built() const { return built_; }
  /// Whether the layer changed nothing (no files, no blob).
  bool empty_step() const { return diff_dir_.empty() && !blob_; }

 private:
  std::filesystem::path diff_dir_;
  SnapshotRef parent_;
  std::optional<content::LayerResult> blob_;
  std::shared_ptr<const BuiltLayer> built_;
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
  MutableSnapshot(std::filesystem::path dir, std::filesystem::path diff, SnapshotRef parent, util::ScopedMount mount)
      : dir_(std::move(dir)), diff_(std::move(diff)), merged_(dir_ / "merged"), parent_(std::move(parent)),
        mount_(std::move(mount)) {}
  // Over the empty filesystem: the diff dir itself is written, no mount.
  MutableSnapshot(std::filesystem::path dir, std::filesystem::path diff)
      : dir_(std::move(dir)), diff_(std::move(diff)), merged_(diff_) {}
  // Native: merged is a full copy of the parent, `base` a hard-link farm of it to diff against.
  MutableSnapshot(std::filesystem::path dir, std::filesystem::path diff, SnapshotRef parent, std::filesystem::path base)
      : dir_(std::move(dir)), diff_(std::move(diff)), merged_(dir_ / "merged"), parent_(std::move(parent)),
        base_(std::move(base)) {}
  std::filesystem::path dir_;
  std::filesystem::path diff_;
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

/// Gives the files of layers known only as blobs: unpacks one on first use and returns its
/// diff dir (overlay upper-dir format). Implementations are thread-safe.
class LayerSource {
 public:
  virtual ~LayerSource() = default;
  virtual util::Result<std::filesystem::path> DiffDirOf(const content::LayerResult& layer) = 0;
};

/// Creates a new, empty directory with a short random name under `parent` (the diff store,
/// shared by concurrent builds) and returns its path.
util::Result<std::filesystem::path> CreateUniqueDir(const std::filesystem::path& parent);

/// Where a Snapshotter puts things: `scratch` for mounts and work dirs (removed with the
/// snapshotter when `remove_on_close`), `diffs` for the diff dirs of new layers (the cache's
/// diff store, kept; empty = inside scratch). `layers` unpacks blob-only layers.
struct SnapshotterOptions {
  std::filesystem::path scratch;
  bool remove_on_close = true;
  std::filesystem::path diffs;
  LayerSource* layers = nullptr;
  std::optional<SnapshotterKind> kind;  ///< ChooseSnapshotter's when unset
  /// A file remembering that overlayfs worked here on this kernel, so later opens skip the
  /// probe mount (its unmount syncs the filesystem: up to half a second after a big build).
  std::filesystem::path probe_memo;
};

/// Makes snapshots under one directory (a build's scratch space under MANIFOLD_ROOT). Needs
/// root and a private mount namespace (util::EnterPrivateMountNamespace). Thread-safe.
class Snapshotter {
 public:
  /// Uses (creating) `dir`; with `remove_on_close`, the whole dir goes when this object does.
  /// The kind is ChooseSnapshotter's unless given.
  static util::Result<std::unique_ptr<Snapshotter>> Open(const std::filesystem::path& dir, bool remove_on_close,
                                                         std::optional<SnapshotterKind> kind = std::nullopt);
  static util::Result<std::unique_ptr<Snapshotter>> Open(SnapshotterOptions options);
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

  /// A new, empty diff dir that the caller fills directly (downloads, COPY --link results)
  /// before wrapping it in a Snapshot.
  util::Result<std::filesystem::path> NewDiffDir();
  /// The diff dirs of every layer, bottom first, unpacking blob-only layers; steps that
  /// changed nothing have none.
  util::Result<std::vector<std::filesystem::path>> DiffDirs(const SnapshotRef& snapshot);
  /// Every diff dir this snapshotter created (for the caller to drop the ones nobody keeps).
  std::vector<std::filesystem::path> CreatedDiffDirs() const;

 private:
  explicit Snapshotter(SnapshotterOptions options, SnapshotterKind kind)
      : options_(std::move(options)), dir_(options_.scratch), kind_(kind) {}
  util::Result<std::filesystem::path> NewDir();
  util::Result<std::filesystem::path> DiffDirFor(const std::filesystem::path& scratch);

  SnapshotterOptions options_;
  std::filesystem::path dir_;
  SnapshotterKind kind_;
  std::atomic<uint64_t> next_id_{1};
  mutable std::mutex created_mu_;
  std::vector<std::filesystem::path> created_;
};

}  // namespace manifold::snapshot
