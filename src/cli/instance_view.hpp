// Shared by create/use/ls/inspect/rm: the instance store, error reporting, how nodes are shown.
#pragma once

#include <string>
#include <vector>

#include "builder/instance.hpp"
#include "builder/node_info.hpp"
#include "util/error.hpp"

namespace manifold::cli {

/// The instances under RootDir().
builder::InstanceStore Instances();

/// Prints "error: ..." on stderr; returns kExitUsage for kInvalidArgument (a bad flag value or
/// endpoint), kExitFailure otherwise (unknown builder, conflicts, I/O).
int ReportError(const util::Error& error);

/// "local" for this machine, else the ssh:// endpoint.
std::string EndpointLabel(const builder::Node& node);

/// "running" or "unreachable".
std::string StatusLabel(const builder::NodeStatus& status);

/// What `ls` shows: the node's configured platforms each with "*" (as buildx marks user-set
/// ones), then the probed native and emulated platforms not already listed.
std::vector<std::string> ListedPlatforms(const builder::NodeStatus& status);

}  // namespace manifold::cli
