// worker::FetchHttpSource: `ADD https://…` downloads as a one-file snapshot.
#pragma once

#include "graph/op.hpp"
#include "registry/http.hpp"
#include "snapshot/snapshotter.hpp"
#include "util/error.hpp"
#include "worker/outputs.hpp"
#include "worker/worker.hpp"

namespace manifold::worker {

/// Downloads op.identifier into a new snapshot holding just `/<op.filename>` (mode 0600 and the
/// Last-Modified time, as BuildKit's http source); the output's ContentKey is the download's
/// digest and that time. With op.checksum ("sha256:…") a download
/// whose digest differs is an error naming both. Non-200 answers are errors naming the URL.
util::Result<OutputRef> FetchHttpSource(const graph::SourceOp& op, snapshot::Snapshotter& snapshotter,
                                                    registry::HttpClient& http, const ExecuteContext& context);

}  // namespace manifold::worker
