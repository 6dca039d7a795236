// cache::MetaStore: the build cache's metadata in SQLite (MANIFOLD_ROOT/meta.db).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/layer_writer.hpp"
#include "snapshot/snapshotter.hpp"
#include "image/digest.hpp"
#include "util/error.hpp"

namespace manifold::cache {

namespace internal {
class Database;
}

/// One layer of a cached result's filesystem, in a chain bottom first.
/// `diff` set: a directory of this root's diff store holds the layer's files.
/// `blob` set (and maybe no diff): the layer is that blob (a base image's layer, an imported
/// cache's layer), unpacked into the diff store on first use.
/// Neither: a step that changed nothing (no layer).
/// `built` (with a blob): the blob was written by a build from its own files (a direct COPY
/// layer) with the settings it names; stored as an optional key of the chain's JSON, so older
/// records (without it) read as before and older binaries ignore it.
struct ChainEntry {
  std::string diff;
  std::optional<content::LayerResult> blob;
  std::shared_ptr<const snapshot::BuiltLayer> built;
};

/// A cache record as `du` lists it.
struct RecordInfo {
  std::string key;
  std::string description;  ///< the step that made it, e.g. "[linux/arm64 2/4] RUN make"
  int64_t size = 0;         ///< bytes of the layer the step itself added
  int64_t created = 0;      ///< unix seconds
  int64_t last_used = 0;
  std::vector<ChainEntry> chain;
};

/// What a context file's content digest was when it was last hashed, and the stat that held.
struct FileStamp {
  int64_t dev = 0, ino = 0, size = 0, mtime_ns = 0, ctime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};
struct FileDigest {
  FileStamp stamp;
  int64_t checked_ns = 0;  ///< when the digest was computed (CLOCK_REALTIME)
  std::string digest;
};

/// A row of the context file digests as VisitFileDigests lends it.
struct FileDigestRow {
  std::string_view path;
  FileStamp stamp;
  int64_t checked_ns = 0;
  std::string_view digest;
};

/// Records of the persistent build cache: cache key → the layer chain of the step's result,
/// the diff dirs those chains use (MANIFOLD_ROOT/snapshots/diffs/ID), the blobs made from
/// them, and context file digests. Safe for several threads and several processes at once
/// (SQLite WAL, transactions; writers wait for each other): two builds saving the same key
/// keep the first record. The threads of one build share one connection, so each call holds
/// the store's mutex: a statement of one thread left open would otherwise turn another
/// thread's write into an upgrade of that read, which SQLite refuses at once ("database is
/// locked", no busy wait) when another process wrote in between; and one thread's transaction
/// would swallow the other's statements.
class MetaStore {
 public:
  /// Opens (creating) MANIFOLD_ROOT/meta.db and the diff store directory.
  static util::Result<std::shared_ptr<MetaStore>> Open(const std::filesystem::path& root);
  ~MetaStore();

  const std::filesystem::path& root() const { return root_; }
  /// Where diff dirs live: one directory per layer, named by its id.
  const std::filesystem::path& diffs_dir() const { return diffs_dir_; }

  /// The chain stored for `key` (and marks it used now), or nullopt.
  util::Result<std::optional<std::vector<ChainEntry>>> Lookup(std::string_view key);
  /// Stores `chain` for `key` unless a record exists (the first one stays). Diffs of the chain
  /// that the store does not know yet are added with their disk usage. `shape` (optional) is
  /// the key the step would have whatever the contents it read (solver::ShapeKey): HasShape
  /// then tells a later build whether a record of that step could exist at all.
  util::Status Save(std::string_view key, const std::vector<ChainEntry>& chain, std::string_view description,
                    std::string_view shape = {});
  /// Whether some record was saved with `shape`. False does not prove there is no record for
  /// the step: records from imports and from older versions have no shape.
  util::Result<bool> HasShape(std::string_view shape);

  /// Whether `id` is a known diff dir (one that some record or unpacked blob owns).
  util::Result<bool> HasDiff(std::string_view id);
  /// Removes those of `dirs` (diff dirs a build created) that no record or unpacked blob owns:
  /// what a build made but did not keep (failed steps, uncached sources).
  void RemoveUnkept(const std::vector<std::filesystem::path>& dirs);
  /// Registers a diff dir that holds `blob` unpacked.
  util::Status AddUnpackedDiff(std::string_view id, const image::Digest& blob);
  /// A diff dir already holding `blob`'s files, if any.
  util::Result<std::optional<std::string>> UnpackedDiff(const image::Digest& blob);

  /// The blob made earlier from diff `id` with the layer settings `variant` (compression,
  /// level, mtime clamp), if any; and recording one.
  util::Result<std::optional<content::LayerResult>> DiffBlob(std::string_view id, std::string_view variant);
  util::Status SetDiffBlob(std::string_view id, std::string_view variant, const content::LayerResult& blob);

  /// A fact derived from diff `id`'s files, remembered under `kind` (e.g. the ELF files the
  /// WrongArchBinary check found): a committed diff never changes, so neither does the fact.
  /// Kept only for a diff the store has registered (else SetDiffNote does nothing); removed
  /// with the diff by prune.
  util::Result<std::optional<std::string>> DiffNote(std::string_view id, std::string_view kind);
  util::Status SetDiffNote(std::string_view id, std::string_view kind, std::string_view value);

  /// Context file digests whose path starts with `dir` + "/".
  util::Result<std::map<std::string, FileDigest>> FileDigests(const std::filesystem::path& dir);
  /// The same rows, in path order, one call of `visit` each and nothing held: a context of a
  /// million files is read without a map of them all. The views are valid during the call
  /// only. The store is locked meanwhile: `visit` must not call it.
  util::Status VisitFileDigests(const std::filesystem::path& dir, const std::function<void(const FileDigestRow&)>& visit);
  /// Stores digests (one transaction).
  util::Status SetFileDigests(const std::map<std::string, FileDigest>& digests);
  /// Drops the digests of files under `dir` + "/" (a fetched context's scratch directory,
  /// whose path no later build will have).
  util::Status ForgetFileDigests(const std::filesystem::path& dir);

  /// Every record, oldest use first (for du and prune).
  util::Result<std::vector<RecordInfo>> Records();
  /// The connection itself, for prune (which runs with no build in this process).
  internal::Database& database() { return *db_; }

 private:
  MetaStore(std::filesystem::path root, std::unique_ptr<internal::Database> db);

  std::mutex mutex_;  ///< one caller at a time on db_ (see the class comment)

  std::filesystem::path root_;
  std::filesystem::path diffs_dir_;
  std::unique_ptr<internal::Database> db_;
};

/// The JSON form of a chain (records, and the tests that read them).
std::string ChainToJson(const std::vector<ChainEntry>& chain);
util::Result<std::vector<ChainEntry>> ChainFromJson(std::string_view json);

/// Disk usage of a directory tree (st_blocks, hard links counted once).
int64_t DiskUsage(const std::filesystem::path& dir);

}  // namespace manifold::cache
