// builder::ServeNode: the node end of a remote build (`manifold node serve --stdio`).
#pragma once

#include <filesystem>

#include "util/error.hpp"

namespace manifold::builder {

/// Serves one client session over `in_fd`/`out_fd` (ssh's pipes): hello (refused with an
/// error message on a protocol mismatch), the context transfer into a per-client copy under
/// `root`/contexts, then one build job: the node builds its platforms with its own cache under
/// `root`, streams progress events, pushes by digest when asked, offers the blobs, and ends
/// with the result. The client's "cancel" or the channel's end cancels a running build.
/// Credentials and secrets the job carries stay in memory. Returns when the client is done.
util::Status ServeNode(int in_fd, int out_fd, const std::filesystem::path& root);

}  // namespace manifold::builder
