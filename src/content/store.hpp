// content::Store: the content-addressed blob store under MANIFOLD_ROOT.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "image/digest.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"
#include "util/temp_file.hpp"
#include "util/direct_writer.hpp"
#include "util/unique_fd.hpp"

namespace manifold::content {

/// One blob being written: bytes go to a temporary file in `<root>/content/ingest/` (same
/// filesystem as the blobs, never listed as a blob) while their SHA-256 and size are computed;
/// past its first 8 MiB a blob is written beside the page cache (util::DirectWriter: a layer or a
/// download is fsynced and seldom read back at once, and filling the page cache with it costs
/// more than writing it).
/// Commit() publishes it under its digest atomically (fsync + link(2) without replacing +
/// unlink temp + fsync the directory); dropped uncommitted, the temp file is removed. If the
/// process dies first, the temp file stays in ingest/ (invisible to readers) until
/// Store::GarbageCollectIngest() removes it (the next Store::Open(), i.e. the next build or
/// prune). A blob this Ingest publishes (its link(2) made the name) counts as verified on write
/// for the Store it came from (Store::VerifiedOnWrite()); one that was already there does not.
/// Not thread-safe: one writer per Ingest.
class Ingest {
 public:
  Ingest(Ingest&&) noexcept;
  ~Ingest();

  /// Appends bytes.
  util::Status Write(std::string_view data);
  /// Bytes written so far.
  int64_t size() const { return size_; }
  /// The temp file the bytes go to (in Store::IngestDir()), for messages and tests.
  const std::filesystem::path& path() const { return file_.path(); }
  /// Publishes the blob and returns its digest. With `expected`, a mismatch is an error
  /// (InvalidArgument naming both digests) and nothing is published. Committing a blob that
  /// already exists succeeds and keeps the existing file (identical bytes by construction).
  util::Result<image::Digest> Commit(std::optional<image::Digest> expected = std::nullopt);

 private:
  friend class Store;
  struct Verified;
  Ingest(util::TempFile file, std::filesystem::path blobs_dir, std::shared_ptr<Verified> verified);
  // Commit's work; `durable`: fsync the file before link(2) and the directory after.
  util::Result<image::Digest> Publish(std::optional<image::Digest> expected, bool durable);
  util::TempFile file_;  // holds an flock(LOCK_EX) while alive: GC skips live ingests
  std::filesystem::path blobs_dir_;
  std::shared_ptr<Verified> verified_;  // the Store's: where a published digest is recorded
  std::unique_ptr<util::DirectWriter> writer_;  // writes and hashes file_'s bytes
  int64_t size_ = 0;
};

/// What `<root>/content/ingest` holds, in bytes on disk.
struct IngestUsage {
  int64_t in_progress = 0;  ///< files live writers hold (downloads under way, in any process)
  int64_t abandoned = 0;    ///< files of writers that died, not yet collected
};

/// Blobs by digest in `<root>/content/blobs/<algorithm>/<hex>` (published read-only, 0444).
/// Many processes and threads may use one root at once with no locks of ours: writers never
/// collide (each has its own temp file; publishing is link(2), which never replaces an existing
/// blob), and readers only ever see whole, correctly named blobs. The filesystem is the only
/// synchronization. All methods are const and thread-safe. Errors name the blob's path.
///
/// Verified on write: a blob whose file this Store published from bytes it hashed as they were
/// written (an Ingest it began whose link(2) created the name: a layer, a Put() document, a
/// digest-checked download or layout import) is recorded, and VerifiedOnWrite() says so, so
/// that outputs can copy it without hashing it again. Only that: a blob found already present
/// (link(2) hit EEXIST, Put() found the name) is not recorded, whoever wrote it, nor is one
/// merely read or Verify()'d. The record lives in memory, is shared by copies of a Store, and
/// starts empty at each Open(), also of the same root: a blob a previous process (or another
/// Open()) wrote is verified again by whoever must not pass on a wrong blob. What it does not
/// cover: the file changing on disk after this Store wrote it (a bad disk, a hand edit while
/// the build runs).
class Store {
 public:
  /// Opens (creating if needed) the store under `root` (MANIFOLD_ROOT). Also removes leftover
  /// ingest files of dead writers (GarbageCollectIngest(kIngestGcMinAge)), however recent;
  /// a live writer's, in this or another process, stays. A failure to clean up is not an error.
  static util::Result<Store> Open(const std::filesystem::path& root);

  /// Ingest files younger than this are never collected by Open(). 0: Begin() makes the
  /// window between creating a temp file and locking it safe, so age is no longer needed to
  /// tell a dead writer's file from a live one's.
  static constexpr std::chrono::seconds kIngestGcMinAge{0};

  /// Starts writing a new blob.
  util::Result<Ingest> Begin() const;
  /// Writes a whole in-memory blob (configs, manifests) and returns its digest. Published at
  /// once (other readers see it), but made durable only by the next SyncPending(): a build
  /// writes a dozen such documents, and one fsync each plus one of the directory cost more than
  /// the rest of a no-op rebuild. A present blob of another size (a document lost to a crash
  /// before its sync, left empty) is replaced.
  util::Result<image::Digest> Put(std::string_view bytes) const;
  /// Makes every blob Put() published since the last call durable: their fsyncs run at once
  /// (the filesystem's journal takes them in one or two commits), then one of the directory.
  /// Call before anything durable names them (the image store, an output, the cache's records).
  util::Status SyncPending() const;
  /// True if the blob is present (not verified).
  bool Has(const image::Digest& digest) const;
  /// Size of a present blob.
  util::Result<int64_t> Size(const image::Digest& digest) const;
  /// Reads a whole blob into memory and verifies its digest (DataLoss-like errors are
  /// kInternal naming the blob and both digests). For small blobs.
  util::Result<std::string> Read(const image::Digest& digest) const;
  /// Opens a blob for streaming; the caller verifies if it needs to (see Verify()).
  util::Result<util::UniqueFd> Open(const image::Digest& digest) const;
  /// Re-hashes a blob and fails if its bytes do not match its name.
  util::Status Verify(const image::Digest& digest) const;
  /// True if this Store (or a copy of it) published the blob's file itself from bytes it
  /// hashed while writing them (see the class comment); false for every other blob.
  bool VerifiedOnWrite(const image::Digest& digest) const;
  /// Where a blob lives (whether or not it exists).
  std::filesystem::path BlobPath(const image::Digest& digest) const;
  /// Where temp files of ingests live (`<root>/content/ingest`).
  std::filesystem::path IngestDir() const;

  /// Removes temp files in IngestDir() left by dead writers: a file is removed when no live
  /// Ingest holds its lock (flock; the kernel drops it when the owner dies) and it was last
  /// modified at least `min_age` ago. Safe to run while other threads and processes write
  /// (see Begin()). Returns how many files were removed.
  util::Result<int> GarbageCollectIngest(std::chrono::seconds min_age = kIngestGcMinAge) const;
  /// What IngestDir() holds: live writers' bytes and dead writers' leftovers. Removes nothing.
  util::Result<IngestUsage> Ingesting() const;

  const std::filesystem::path& root() const { return root_; }

 private:
  struct PendingSync;
  explicit Store(std::filesystem::path root);
  std::filesystem::path root_;
  // Shared by copies of this Store: blobs Put() published and not yet synced.
  std::shared_ptr<PendingSync> pending_;
  // Shared by copies of this Store and its Ingests: blobs verified on write.
  std::shared_ptr<Ingest::Verified> verified_;
};

}  // namespace manifold::content
