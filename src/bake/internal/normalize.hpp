// Normalize: a resolved target's lists de-duplicated and canonical, as buildx's Target.normalize.
#pragma once

#include "bake/target.hpp"
#include "util/error.hpp"

namespace manifold::bake::internal {

/// buildx's normalize(): annotations, tags, platforms, no-cache-filter, ulimits and
/// entitlements lose repeats and empty strings (first kept); attest (by type), secret and ssh
/// (by id) keep the last entry per key at the first one's place; cache-from/-to and output
/// drop exact repeats (removeDupes' order); those six are rewritten as canonical CSV and unset
/// when empty; network "host" adds the network.host entitlement; empty contexts are dropped.
/// Errors: an entry that does not parse (kInvalidArgument, buildx's message, naming the
/// attribute).
util::Status Normalize(Target& target);

/// True for a context buildx leaves to BuildKit to fetch: an http(s) URL or a git URL.
bool IsRemoteContext(std::string_view context);

/// What buildx's toBuildOpt does to `context` before --print shows it: `cwd://` dropped and
/// the path cleaned (path.Clean), remote (http(s) or git) contexts left as they are.
void CleanContextForBuild(Target& target);

/// Go's path.Clean.
std::string CleanPath(std::string_view path);

}  // namespace manifold::bake::internal
