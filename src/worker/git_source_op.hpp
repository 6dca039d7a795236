// worker::FetchGitSourceOp: `ADD <git URL> /dst` — a git source vertex as a snapshot of the checkout.
#pragma once

#include "graph/op.hpp"
#include "session/secrets.hpp"
#include "snapshot/snapshotter.hpp"
#include "util/error.hpp"
#include "worker/outputs.hpp"
#include "worker/worker.hpp"

namespace manifold::worker {

/// Checks out op.identifier (a git URL with `#REF[:SUBDIR]`) with FetchGit into a new snapshot
/// holding the checkout's SUBDIR (`.git` only with op.keep_git_dir), authenticated by the
/// build's GIT_AUTH_TOKEN / GIT_AUTH_HEADER secrets (`secrets`, may be null) or its `--ssh
/// default` agent (`ssh`, may be null). The output's ContentKey is "sha1:<commit>" plus the
/// subdir and the keep flag: the same commit is the same content, whenever it is fetched.
/// With op.checksum (ADD --checksum=COMMIT), a checkout at another commit is an error
/// (kInvalidArgument, "checksum mismatch"). git's messages go to the vertex's log. Errors as FetchGit's, and a SUBDIR that is no
/// directory of the checkout (kNotFound).
util::Result<OutputRef> FetchGitSourceOp(const graph::SourceOp& op, snapshot::Snapshotter& snapshotter,
                                         const session::SecretStore* secrets, const session::SshAgents* ssh,
                                         const ExecuteContext& context);

}  // namespace manifold::worker
