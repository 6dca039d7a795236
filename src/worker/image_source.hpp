// worker::ImageUnpacker: a base image's layers (from a registry) as a chain of snapshots.
#pragma once

#include <future>
#include <map>
#include <memory>
#include <mutex>

#include "content/store.hpp"
#include "graph/op.hpp"
#include "registry/hosts.hpp"
#include "snapshot/snapshotter.hpp"
#include "util/error.hpp"
#include "worker/worker.hpp"

namespace manifold::worker {

/// Makes snapshots of images named by SourceOp kImage vertices ("domain/path@sha256:…", the
/// digest of the platform's manifest, resolved by the frontend). Layers are downloaded into
/// the content store (skipped when present); the snapshots are those blobs, unpacked only
/// when a step reads them (the Snapshotter's LayerSource), so an image whose layers are only
/// re-exported is never unpacked. Thread-safe.
class ImageUnpacker {
 public:
  ImageUnpacker(const content::Store& store, std::shared_ptr<registry::RegistryHosts> registries)
      : store_(store), registries_(std::move(registries)) {}

  util::Result<snapshot::SnapshotRef> Unpack(const graph::SourceOp& op, const ExecuteContext& context);

 private:
  const content::Store& store_;
  std::shared_ptr<registry::RegistryHosts> registries_;
};

}  // namespace manifold::worker
