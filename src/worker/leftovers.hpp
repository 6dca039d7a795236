// worker::LockRootForBuild: a build's hold on MANIFOLD_ROOT, taken after clearing what killed builds left.
#pragma once

#include <filesystem>

#include "cache/gc_lock.hpp"
#include "cache/meta_store.hpp"
#include "util/error.hpp"

namespace manifold::worker {

/// The directory under a build's scratch dir that LocalWorkerOptions::exec_state points at.
inline constexpr const char* kExecStateDir = "exec";

/// Takes the shared GcLock a build (or `manifold run`) holds on `root` (the root of `meta`).
/// First, what dead builds left goes: their scratch dirs (cache::RemoveDeadScratch), after
/// deleting the containers that older manifold versions left running there
/// (executor::RemoveLeftoverContainers); and, when no other build or prune runs on the root
/// (the GcLock is free to take exclusively), the layers of steps killed mid-way
/// (cache::RemoveUnknownDiffs). A live build's dirs, layers and containers are never touched.
/// Errors: the lock cannot be taken (as GcLock::ForBuild); the cleaning is best effort.
util::Result<cache::GcLock> LockRootForBuild(const std::filesystem::path& root, cache::MetaStore& meta);

}  // namespace manifold::worker
