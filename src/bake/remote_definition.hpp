// Remote bake definitions (`bake URL [CMD_CONTEXT] TARGET…`): which arguments and files are
// remote, and how targets read from such a definition name its source, as buildx does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bake/env_lookup.hpp"
#include "bake/target.hpp"
#include "util/error.hpp"

namespace manifold::bake {

/// bake's positional arguments, split as buildx's bakeArgs: a first argument that is a remote
/// URL (git or http(s)) is the definition's source; a second one after it is the command
/// context (BAKE_CMD_CONTEXT, otherwise "cwd://"); the rest are targets.
struct BakeArgs {
  std::string url;  ///< "" = the definition is local
  std::string cmd_context = "cwd://";
  std::vector<std::string> targets;
};
BakeArgs SplitBakeArgs(std::vector<std::string> args);

/// -f names with a remote definition: `cwd://NAME` is a local file (prefix dropped), any other
/// name a file of the remote source.
struct DefinitionNames {
  std::vector<std::string> remote;
  std::vector<std::string> local;
};
DefinitionNames SplitDefinitionNames(const std::vector<std::string>& names);

/// `url` naming `subdir` of its repository, as buildx's remoteURLWithSubdir: joined to a
/// subdir the URL already names, in its `#REF:SUBDIR` fragment (or its `subdir=` query when it
/// has one and no fragment). A URL that is not a git URL, or the subdir ".", gives `url`.
std::string RemoteUrlWithSubdir(std::string_view url, std::string_view subdir);

/// What a target of a definition read from `url` builds from, as buildx's updateContext: the
/// default context (".") is `url` itself, another relative one `url` at that subdir; `contexts`
/// values likewise ("." is `url`; other paths are subdirs of it). `cwd://` paths (local to the
/// command), remote URLs, `target:` and `docker-image://` values are left as they are.
/// Errors (kInvalidArgument): a subdirectory of an http(s) URL that is not a git repository
/// (an archive is read whole).
util::Status UseRemoteDefinition(Target& target, std::string_view url);

/// The --secret values that authenticate git for a definition at `url`, as buildx's
/// gitAuthSecretsFromEnv: `GIT_AUTH_TOKEN.HOST` from $BUILDX_BAKE_GIT_AUTH_TOKEN and
/// `GIT_AUTH_HEADER.HOST` from $BUILDX_BAKE_GIT_AUTH_HEADER, each when set. None for a URL
/// without a host.
std::vector<std::string> GitAuthSecretFlags(std::string_view url, const EnvLookup& env);

/// The --ssh value for fetching a definition over ssh: `default=PATHS` from
/// $BUILDX_BAKE_GIT_SSH (comma-separated agent sockets or keys), else `default` (the agent).
std::string GitSshFlag(const EnvLookup& env);

/// Whether the definition's git auth also goes to a target whose context is `context`: both
/// are remote URLs on the same host (case-insensitive), as buildx's shouldAttachGitAuthSecrets.
bool SharesGitHost(std::string_view definition_url, std::string_view context);

}  // namespace manifold::bake
