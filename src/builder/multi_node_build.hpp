// builder::BuildOnInstance: one build spread over the nodes of a builder instance.
#pragma once

#include "builder/build.hpp"
#include "builder/instance.hpp"

namespace manifold::builder {

/// Builds `request` on `instance`: connects to its ssh nodes, assigns each platform
/// (platform_assignment.hpp), lowers the Dockerfile once here, and runs every node's share at
/// once — this machine's through Build, a remote node's over its channel (context files it
/// lacks, the graph, progress back, its images pushed by digest or its blobs fetched). When
/// every share succeeded this machine writes the index and delivers the outputs; when one
/// fails the others are cancelled and nothing is tagged or written. With only local nodes
/// this is Build(request). Each PlatformResult names its node and whether it ran natively.
util::Result<BuildResult> BuildOnInstance(const BuildRequest& request, const Instance& instance,
                                          progress::Sink& progress);

}  // namespace manifold::builder
