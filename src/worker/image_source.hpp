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
/// the content store (skipped when present), then each is unpacked once per build into its own
/// diff dir with overlay whiteouts, confined to it whatever the tar holds; the snapshots keep
/// the layer blobs so exporters reuse them. Thread-safe: a layer two vertices need is
/// unpacked by the first, the other waits.
class ImageUnpacker {
 public:
  ImageUnpacker(snapshot::Snapshotter& snapshotter, const content::Store& store,
                std::shared_ptr<registry::RegistryHosts> registries)
      : snapshotter_(snapshotter), store_(store), registries_(std::move(registries)) {}

  util::Result<snapshot::SnapshotRef> Unpack(const graph::SourceOp& op, const ExecuteContext& context);

 private:
  using DiffFuture = std::shared_future<util::Result<std::filesystem::path>>;
  util::Result<std::filesystem::path> UnpackLayer(const image::Digest& layer);

  snapshot::Snapshotter& snapshotter_;
  const content::Store& store_;
  std::shared_ptr<registry::RegistryHosts> registries_;
  std::mutex mu_;
  std::map<image::Digest, DiffFuture> unpacked_;
};

}  // namespace manifold::worker
