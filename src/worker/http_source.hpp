// worker::FetchHttpSource: `ADD https://…` downloads as a one-file snapshot.
#pragma once

#include "graph/op.hpp"
#include "registry/http.hpp"
#include "snapshot/snapshotter.hpp"
#include "util/error.hpp"
#include "worker/worker.hpp"

namespace manifold::worker {

/// Downloads op.identifier into a new snapshot holding just `/<op.filename>` (mode 0600 and the
/// Last-Modified time, as BuildKit's http source). With op.checksum ("sha256:…") a download
/// whose digest differs is an error naming both. Non-200 answers are errors naming the URL.
util::Result<snapshot::SnapshotRef> FetchHttpSource(const graph::SourceOp& op, snapshot::Snapshotter& snapshotter,
                                                    registry::HttpClient& http, const ExecuteContext& context);

}  // namespace manifold::worker
