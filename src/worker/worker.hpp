// worker::Worker: the narrow seam through which the solver has one vertex executed.
#pragma once

#include <memory>
#include <stop_token>
#include <string>
#include <vector>

#include "graph/vertex.hpp"
#include "progress/sink.hpp"
#include "util/error.hpp"

namespace manifold::worker {

/// What running a vertex produced: a filesystem state (a snapshot, a view of the context, an
/// image's layers). Concrete kinds derive from it; immutable once returned.
class Output {
 public:
  virtual ~Output() = default;
  /// For a source whose result the operation alone does not determine (a download): a
  /// digest of what it produced, which the cache keys of the steps using it include.
  virtual std::string ContentKey() const { return {}; }
};
using OutputRef = std::shared_ptr<const Output>;

/// Per-vertex context the solver hands to Execute: where to report, and when to stop.
class ExecuteContext {
 public:
  ExecuteContext(progress::Sink* sink, std::string vertex_id, std::string name,
                 std::vector<std::string> platforms, std::stop_token cancel)
      : sink_(sink),
        vertex_id_(std::move(vertex_id)),
        name_(std::move(name)),
        platforms_(std::move(platforms)),
        cancel_(std::move(cancel)) {}

  /// One line of output for this vertex (a RUN step's stdout/stderr, a note).
  void Log(std::string line) const;
  /// Transfer progress for this vertex.
  void Bytes(std::string what, int64_t current, int64_t total) const;
  /// True once another vertex failed: long work should stop and return kCancelled.
  bool cancelled() const { return cancel_.stop_requested(); }
  const std::stop_token& cancel_token() const { return cancel_; }
  /// The target platforms the vertex serves (several when shared).
  const std::vector<std::string>& platforms() const { return platforms_; }

 private:
  progress::Sink* sink_;
  std::string vertex_id_;
  std::string name_;
  std::vector<std::string> platforms_;
  std::stop_token cancel_;
};

/// Executes single vertices. Implementations must be safe to call from several threads at
/// once (the solver runs independent vertices in parallel).
class Worker {
 public:
  virtual ~Worker() = default;
  /// Runs `vertex` over `inputs`, the outputs of vertex.inputs() in order (nullptr where an
  /// input is scratch). Errors should say what failed in user terms ("file not found in build
  /// context: bin/app"); the solver adds the platform and step.
  virtual util::Result<OutputRef> Execute(const graph::Vertex& vertex,
                                          const std::vector<OutputRef>& inputs,
                                          const ExecuteContext& context) = 0;
  /// What of `inputs` the vertex reads that their cache keys do not cover: a checksum of the
  /// local files a COPY or a bind mount selects from a context, "" when there are none.
  /// Never stale: a changed file changes it.
  virtual util::Result<std::string> ContentKey(const graph::Vertex& /*vertex*/,
                                               const std::vector<OutputRef>& /*inputs*/) {
    return std::string();
  }
  /// Whether ContentKey reads files (a pass over what the step selects from a context) rather
  /// than returning "" at once. Such a key may be computed while the vertex runs.
  virtual bool ContentKeyReadsFiles(const graph::Vertex& /*vertex*/, const std::vector<OutputRef>& /*inputs*/) {
    return false;
  }
};

}  // namespace manifold::worker
