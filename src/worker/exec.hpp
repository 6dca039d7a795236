// worker::RunExec: a RUN step: the command in a container over the base snapshot, its changes a layer.
#pragma once

#include <filesystem>

#include "graph/op.hpp"
#include "snapshot/snapshotter.hpp"
#include "util/error.hpp"
#include "worker/worker.hpp"

namespace manifold::worker {

/// Runs `op` in a container whose root is a writable snapshot over `base` (nullptr = empty),
/// through executor::RunContainer, as `op.user` resolved in the snapshot's /etc/passwd and
/// /etc/group, in `op.cwd` (created when missing), streaming its output to the context's log.
/// Mount points the runtime had to create (/proc, /dev, /sys, /etc/hosts, /etc/resolv.conf)
/// are removed again so they do not end up in the layer. Foreign platforms run through the
/// binfmt_misc handlers (`manifold binfmt install`). A non-zero exit is an error with the
/// command, its exit code and the last lines of its output. `state_dir` holds the runtime's
/// bundles and state.
util::Result<snapshot::SnapshotRef> RunExec(const graph::ExecOp& op, const snapshot::SnapshotRef& base,
                                            snapshot::Snapshotter& snapshotter,
                                            const std::filesystem::path& state_dir, const ExecuteContext& context);

}  // namespace manifold::worker
