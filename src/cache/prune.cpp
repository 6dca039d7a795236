// Pruning the build cache: records first, then a sweep of what nothing references.
#include "cache/prune.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "cache/build_scratch.hpp"
#include "cache/internal/sqlite.hpp"
#include "content/oci_layout.hpp"
#include "util/clock.hpp"

namespace manifold::cache {

namespace {

struct DiffRow {
  std::string id;
  int64_t size = 0;
  std::string unpacked_from;
};

util::Result<std::vector<DiffRow>> DiffRows(internal::Database& db) {
  auto query = MANIFOLD_TRY(db.Prepare("SELECT id, size, unpacked_from FROM diffs"));
  std::vector<DiffRow> rows;
  while (MANIFOLD_TRY(query.Step())) rows.push_back({query.Text(0), query.Int(1), query.Text(2)});
  return rows;
}

// Diff ids and blob digests the records use.
struct References {
  std::set<std::string> diffs;
  std::set<std::string> blobs;
};

References ReferencesOf(const std::vector<RecordInfo>& records) {
  References refs;
  for (const auto& r : records) {
    for (const auto& e : r.chain) {
      if (!e.diff.empty()) refs.diffs.insert(e.diff);
      if (e.blob) refs.blobs.insert(e.blob->descriptor.digest.str());
    }
  }
  return refs;
}

bool DiffKept(const DiffRow& row, const References& refs) {
  return refs.diffs.contains(row.id) || (!row.unpacked_from.empty() && refs.blobs.contains(row.unpacked_from));
}

// Blobs made from kept diffs: the cache's reuse of compressed layers.
util::Result<std::set<std::string>> DiffBlobDigests(internal::Database& db, const std::set<std::string>& kept_diffs) {
  auto query = MANIFOLD_TRY(db.Prepare("SELECT diff, layer FROM diff_blobs"));
  std::set<std::string> out;
  while (MANIFOLD_TRY(query.Step())) {
    if (!kept_diffs.contains(query.Text(0))) continue;
    auto j = nlohmann::json::parse(query.Text(1), nullptr, false);
    if (j.is_object() && j.contains("descriptor")) out.insert(j["descriptor"].value("digest", ""));
  }
  return out;
}

util::Result<std::set<std::string>> ImageBlobs(const content::Store& store, const std::vector<image::Descriptor>& roots) {
  std::set<std::string> out;
  for (const auto& root : roots) {
    // A stored image missing a blob (a broken store) still protects what it has.
    auto blobs = content::CollectLayoutBlobs(store, std::span(&root, 1));
    if (!blobs) {
      out.insert(root.digest.str());
      continue;
    }
    for (const auto& d : *blobs) out.insert(d.digest.str());
  }
  return out;
}

std::vector<std::filesystem::path> UnknownDiffDirs(const std::filesystem::path& dir, const std::vector<DiffRow>& rows) {
  std::set<std::string> known;
  for (const auto& r : rows) known.insert(r.id);
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!known.contains(entry.path().filename().string())) out.push_back(entry.path());
  }
  return out;
}

}  // namespace

util::Result<PruneReport> Prune(MetaStore& meta, const content::Store& store, const PruneOptions& options) {
  internal::Database& db = meta.database();
  PruneReport report;
  auto records = MANIFOLD_TRY(meta.Records());  // least recently used first
  std::vector<RecordInfo> kept;
  const int64_t now = util::UnixSeconds();
  int64_t total = 0;
  for (const auto& r : records) total += r.size;
  for (auto& r : records) {
    bool remove = options.all || (options.until && r.last_used < now - options.until->count()) ||
                  (options.keep_storage && total > *options.keep_storage);
    if (remove) {
      total -= r.size;
      report.removed.push_back(std::move(r));
    } else {
      kept.push_back(std::move(r));
    }
  }
  {
    auto tx = MANIFOLD_TRY(internal::Transaction::Begin(db));
    auto remove = MANIFOLD_TRY(db.Prepare("DELETE FROM records WHERE key = ?"));
    auto remove_shape = MANIFOLD_TRY(db.Prepare("DELETE FROM record_shapes WHERE key = ?"));
    for (const auto& r : report.removed) {
      MANIFOLD_CHECK(remove.Reset().Bind(1, r.key).Run());
      MANIFOLD_CHECK(remove_shape.Reset().Bind(1, r.key).Run());
    }
    MANIFOLD_CHECK(tx.Commit());
  }

  const References refs = ReferencesOf(kept);
  auto rows = MANIFOLD_TRY(DiffRows(db));
  std::set<std::string> kept_diffs;
  {
    auto tx = MANIFOLD_TRY(internal::Transaction::Begin(db));
    auto remove_diff = MANIFOLD_TRY(db.Prepare("DELETE FROM diffs WHERE id = ?"));
    auto remove_blobs = MANIFOLD_TRY(db.Prepare("DELETE FROM diff_blobs WHERE diff = ?"));
    auto remove_notes = MANIFOLD_TRY(db.Prepare("DELETE FROM diff_notes WHERE diff = ?"));
    for (const auto& row : rows) {
      if (DiffKept(row, refs)) {
        kept_diffs.insert(row.id);
        continue;
      }
      MANIFOLD_CHECK(remove_diff.Reset().Bind(1, row.id).Run());
      MANIFOLD_CHECK(remove_blobs.Reset().Bind(1, row.id).Run());
      MANIFOLD_CHECK(remove_notes.Reset().Bind(1, row.id).Run());
    }
    MANIFOLD_CHECK(tx.Commit());
  }
  // Directories go after the rows: a crash in between leaves unknown dirs, which the next
  // prune removes, never a row pointing at nothing.
  std::error_code ec;
  for (const auto& row : rows) {
    if (kept_diffs.contains(row.id)) continue;
    auto dir = meta.diffs_dir() / row.id;
    report.reclaimed += DiskUsage(dir);
    std::filesystem::remove_all(dir, ec);
  }
  report.reclaimed += MANIFOLD_TRY(RemoveUnknownDiffs(meta));

  std::set<std::string> keep_blobs = refs.blobs;
  keep_blobs.merge(MANIFOLD_TRY(DiffBlobDigests(db, kept_diffs)));
  keep_blobs.merge(MANIFOLD_TRY(ImageBlobs(store, options.image_roots)));
  const auto blobs_dir = store.root() / "content" / "blobs" / "sha256";
  for (const auto& entry : std::filesystem::directory_iterator(blobs_dir, ec)) {
    if (keep_blobs.contains("sha256:" + entry.path().filename().string())) continue;
    report.reclaimed += DiskUsage(entry.path());
    std::filesystem::remove(entry.path(), ec);
  }
  report.reclaimed += RemoveDeadScratch(meta.root() / "snapshots", options.before_removing_scratch);
  (void)store.GarbageCollectIngest(std::chrono::seconds(0));
  return report;
}

util::Result<int64_t> RemoveUnknownDiffs(MetaStore& meta) {
  int64_t freed = 0;
  std::error_code ec;
  for (const auto& dir : UnknownDiffDirs(meta.diffs_dir(), MANIFOLD_TRY(DiffRows(meta.database())))) {
    freed += DiskUsage(dir);
    std::filesystem::remove_all(dir, ec);
  }
  return freed;
}

util::Result<UsageReport> Usage(MetaStore& meta, const content::Store& store,
                                const std::vector<image::Descriptor>& image_roots) {
  UsageReport report;
  report.records = MANIFOLD_TRY(meta.Records());
  auto rows = MANIFOLD_TRY(DiffRows(meta.database()));
  std::set<std::string> diff_ids;
  for (const auto& row : rows) {
    report.layers += row.size;
    diff_ids.insert(row.id);
  }
  for (const auto& dir : UnknownDiffDirs(meta.diffs_dir(), rows)) report.leftovers += DiskUsage(dir);
  // content/ingest: what dead processes left is a leftover (removed by the next build or
  // prune); what live ones write is a download under way.
  if (auto ingest = store.Ingesting()) {
    report.leftovers += ingest->abandoned;
    report.downloading = ingest->in_progress;
  }
  std::set<std::string> cache_blobs = ReferencesOf(report.records).blobs;
  cache_blobs.merge(MANIFOLD_TRY(DiffBlobDigests(meta.database(), diff_ids)));
  const auto image_blobs = MANIFOLD_TRY(ImageBlobs(store, image_roots));
  for (const auto& digest : cache_blobs) {
    if (image_blobs.contains(digest)) continue;
    auto parsed = image::Digest::Parse(digest);
    if (parsed && store.Has(*parsed)) report.blobs += DiskUsage(store.BlobPath(*parsed));
  }
  return report;
}

}  // namespace manifold::cache
