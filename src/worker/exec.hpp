// worker::RunExec: a RUN step: the command in a container over the base snapshot, its changes a layer.
#pragma once

#include <filesystem>

#include "graph/op.hpp"
#include "snapshot/snapshotter.hpp"
#include "worker/exec_mounts.hpp"
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
/// bundles and state. The op's mounts come from `inputs` and `services` (PrepareMounts); the
/// stubs the runtime creates for them are removed too, and secret values are masked in the
/// output.
util::Result<snapshot::SnapshotRef> RunExec(const graph::ExecOp& op, const snapshot::SnapshotRef& base,
                                            const std::vector<OutputRef>& inputs, const MountServices& services,
                                            const std::filesystem::path& state_dir, const ExecuteContext& context);

}  // namespace manifold::worker
