// cache::Prune and cache::Usage: what `manifold prune` removes and `manifold du` reports.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "cache/meta_store.hpp"
#include "content/store.hpp"
#include "image/descriptor.hpp"
#include "util/error.hpp"

namespace manifold::cache {

struct PruneOptions {
  bool all = false;                             ///< every record
  std::optional<std::chrono::seconds> until;    ///< records unused for longer than this
  std::optional<int64_t> keep_storage;          ///< drop least recently used records until under this
  /// What the image store holds (`manifold images`): never removed, whatever else goes.
  std::vector<image::Descriptor> image_roots;
  /// Runs on each dead build's scratch dir before it goes (RemoveDeadScratch); may be empty.
  std::function<void(const std::filesystem::path&)> before_removing_scratch;
};

struct PruneReport {
  std::vector<RecordInfo> removed;  ///< the records removed
  int64_t reclaimed = 0;            ///< bytes freed on disk: layers, blobs, leftovers
};

/// Removes the records the options select, then everything on disk nothing keeps: diff dirs
/// no remaining record uses (and unpacked copies of blobs none uses), diff dirs unknown to the
/// database (a build killed mid-step), blobs neither a record nor a stored image needs, the
/// scratch dirs of builds that died and stale ingest files. The caller holds
/// GcLock::ForPrune, so no running build loses anything.
util::Result<PruneReport> Prune(MetaStore& meta, const content::Store& store, const PruneOptions& options);

/// Removes the diff dirs the database does not know: layers of builds killed mid-step (a
/// running build's new layers are not known yet either, hence:) the caller holds
/// GcLock::ForPrune. Returns the bytes freed.
util::Result<int64_t> RemoveUnknownDiffs(MetaStore& meta);

struct UsageReport {
  std::vector<RecordInfo> records;  ///< oldest use first
  int64_t layers = 0;      ///< diff dirs the database knows (built steps, unpacked base layers)
  int64_t blobs = 0;       ///< blobs only the cache keeps (not a stored image's)
  int64_t leftovers = 0;   ///< diff dirs of killed builds and partial downloads of dead processes
  int64_t downloading = 0; ///< partial blobs live processes are downloading now (not reclaimable)
  int64_t total() const { return layers + blobs + leftovers; }
};

/// What the cache occupies, measured as prune would reclaim it.
util::Result<UsageReport> Usage(MetaStore& meta, const content::Store& store,
                                const std::vector<image::Descriptor>& image_roots);

}  // namespace manifold::cache
