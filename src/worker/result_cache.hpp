// worker::ResultCache: step results kept across builds, as cache records of layer chains.
#pragma once

#include <optional>
#include <string>

#include "cache/meta_store.hpp"
#include "content/store.hpp"
#include "util/error.hpp"
#include "worker/outputs.hpp"

namespace manifold::worker {

/// Turns worker outputs into MetaStore records and back. Only snapshots whose layers are all
/// in the diff store (or are blobs) can be kept; others are skipped. Thread-safe.
class ResultCache {
 public:
  ResultCache(cache::MetaStore& meta, const content::Store& store) : meta_(meta), store_(store) {}

  /// The result stored under `key`, or nullptr when there is none or it lost a layer (a diff
  /// dir or blob removed behind the cache's back counts as a miss, never as an error).
  util::Result<OutputRef> Lookup(const std::string& key);
  /// Keeps `output` under `key` (`description` names the step for `du`; `shape`, optional, is
  /// the step's key without the contents it read: see MayHold). Outputs that are not
  /// snapshots, or use layers outside the diff store, are not kept.
  util::Status Save(const std::string& key, const OutputRef& output, const std::string& description,
                    const std::string& shape = {});
  /// False when no record was kept with `shape`: a step of that shape cannot hit whatever its
  /// contents, unless records came from an import or an older version (they have no shape).
  util::Result<bool> MayHold(const std::string& shape) { return meta_.HasShape(shape); }
  /// The layer chain of a kept output (for cache export), bottom first.
  util::Result<std::vector<cache::ChainEntry>> ChainOf(const OutputRef& output) const;

  cache::MetaStore& meta() { return meta_; }

  /// The SOURCE_DATE_EPOCH clamp of this build's layers: a record holding a layer the worker
  /// wrote directly under another clamp is then a miss. Unset (the default): not checked.
  void SetLayerClamp(std::optional<int64_t> clamp) { layer_clamp_.emplace(clamp); }

 private:
  cache::MetaStore& meta_;
  const content::Store& store_;
  std::optional<std::optional<int64_t>> layer_clamp_;
};

}  // namespace manifold::worker
