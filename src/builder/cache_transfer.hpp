// --cache-from / --cache-to: the build's side of remote caches (which records, where to).
#pragma once

#include <vector>

#include "cache/cache_spec.hpp"
#include "cache/meta_store.hpp"
#include "cache/remote_cache.hpp"
#include "content/store.hpp"
#include "exporter/layers.hpp"
#include "progress/sink.hpp"
#include "registry/hosts.hpp"
#include "solver/solver.hpp"

namespace manifold::builder {

/// Imports every --cache-from source into the local cache before the build: its records become
/// local records over its layer blobs (downloaded now), so matching steps are hits that never
/// run. A source that is missing or unreadable is a warning on `progress`, not a failure.
void ImportCaches(const std::vector<cache::CacheSpec>& sources, cache::MetaStore& meta, const content::Store& store,
                  registry::RegistryHosts& hosts, progress::Sink& progress);

/// The records a cache export holds, layers made (or reused) by `layers`. mode=min: the steps
/// whose layers make up the final images (each target's chain down its base); mode=max: every
/// step of the build, for every platform, intermediate stages included.
util::Result<std::vector<cache::PortableRecord>> ExportedRecords(const std::vector<solver::Target>& targets,
                                                                 const solver::Solution& solution,
                                                                 exporter::LayerMaker& layers, bool mode_max);

/// Writes `records[i]` to `destinations[i]` for each type=local / type=registry one (a
/// multi-node build's records, merged from every node). Failures as ExportCaches.
util::Status WriteCacheExports(const std::vector<cache::CacheSpec>& destinations,
                               const std::vector<std::vector<cache::PortableRecord>>& records,
                               const content::Store& store, registry::RegistryHosts& hosts, progress::Sink& progress);

/// Writes the records to every type=local / type=registry --cache-to destination. A failure is
/// the build's failure unless the destination says ignore-error=true (then a warning).
util::Status ExportCaches(const std::vector<cache::CacheSpec>& destinations, const std::vector<solver::Target>& targets,
                          const solver::Solution& solution, exporter::LayerMaker& layers, const content::Store& store,
                          registry::RegistryHosts& hosts, progress::Sink& progress);

}  // namespace manifold::builder
