// LocalWorker: executes vertices on this machine (sources, file operations; RUN comes later).
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "session/secrets.hpp"
#include "snapshot/snapshotter.hpp"
#include "worker/context_checksum.hpp"
#include "worker/copy.hpp"
#include "worker/direct_layer.hpp"
#include "registry/http.hpp"
#include "worker/image_source.hpp"
#include "worker/outputs.hpp"
#include "worker/worker.hpp"

namespace manifold::worker {

/// A local directory a build may read (the build context, named contexts).
struct LocalDir {
  std::filesystem::path dir;
  PathFilter excluded;  ///< .dockerignore
  /// For an excluded directory: true when it must still be walked, because a `!` exception
  /// may re-include something below it (util::DirSkipRule); unset = never.
  PathFilter walk_excluded;
};

struct LocalWorkerOptions {
  snapshot::Snapshotter* snapshotter = nullptr;  ///< not owned; must outlive the worker
  std::map<std::string, LocalDir> locals;        ///< by SourceOp identifier ("context")
  ImageUnpacker* images = nullptr;               ///< not owned; nullptr = no image sources
  registry::HttpClient* http = nullptr;          ///< not owned; nullptr = no ADD of URLs
  std::filesystem::path exec_state;              ///< the OCI runtime's bundles; empty = no RUN
  std::filesystem::path cache_mounts;            ///< RUN --mount=type=cache dirs (persistent)
  const session::SecretStore* secrets = nullptr; ///< not owned; nullptr = none given
  const session::SshAgents* ssh = nullptr;       ///< not owned; nullptr = none given
  ContextChecksums* checksums = nullptr;         ///< not owned; nullptr = hash without a cache
  /// Where direct COPY layers go (WriteDirectCopyLayer) and the settings they are made with;
  /// either unset = every COPY goes through a diff dir.
  const content::Store* store = nullptr;
  std::optional<LayerSettings> layer_settings;
  /// An archive output begun during the build, for the first direct COPY layer to be written
  /// into as well (DirectCopyRequest::archive_head); nullptr = none.
  content::LayoutTarHead* archive_head = nullptr;
};

/// Runs source and file vertices against local directories and overlay snapshots. Thread-safe:
/// each Execute works in its own snapshot.
class LocalWorker final : public Worker {
 public:
  explicit LocalWorker(LocalWorkerOptions options) : options_(std::move(options)) {}
  util::Result<OutputRef> Execute(const graph::Vertex& vertex, const std::vector<OutputRef>& inputs,
                                  const ExecuteContext& context) override;
  /// Checksums of the context paths COPY sources and bind mounts select.
  util::Result<std::string> ContentKey(const graph::Vertex& vertex, const std::vector<OutputRef>& inputs) override;
  bool ContentKeyReadsFiles(const graph::Vertex& vertex, const std::vector<OutputRef>& inputs) override;

 private:
  util::Result<OutputRef> RunSource(const graph::SourceOp& op, const ExecuteContext& context);
  util::Result<OutputRef> RunExecOp(const graph::ExecOp& op, const std::vector<OutputRef>& inputs,
                                    const ExecuteContext& context);
  util::Result<OutputRef> RunFile(const graph::FileOp& op, const std::vector<OutputRef>& inputs,
                                  const ExecuteContext& context);
  LocalWorkerOptions options_;
};

}  // namespace manifold::worker
