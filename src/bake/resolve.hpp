// bake's target resolution: requested names → the groups and fully merged targets a run builds.
#pragma once

#include <string>
#include <vector>

#include "bake/env_lookup.hpp"
#include "bake/target.hpp"
#include "util/error.hpp"

namespace manifold::bake {

/// What a bake run builds, as buildx's ReadTargets returns it, in --print order (by name).
/// Every target is complete: inherits merged and cleared, --set overrides applied, `context`
/// (default ".", path-cleaned and without `cwd://` as buildx's toBuildOpt leaves it) and
/// `dockerfile` (default "Dockerfile", also when empty) set, list attributes de-duplicated and
/// output-like entries (cache-from/-to, output, attest, secret, ssh) in canonical CSV form.
/// Plain data.
struct Resolved {
  /// The groups involved: "default" (the requested names, sorted, unless "default" itself
  /// was a group that was asked for) and every group reached from a requested one.
  std::vector<Group> groups;
  std::vector<Target> targets;
  /// Names of targets only present because another one's `contexts` use `target:NAME`
  /// (buildx's linked targets: their outputs are `type=cacheonly`), sorted.
  std::vector<std::string> linked;
};

/// Options of ResolveTargets.
struct ResolveOptions {
  /// For `--set T.args.NAME` without a value (and BUILDX_BAKE_DISABLE_VARS_ENV_LOOKUP).
  EnvLookup env = ProcessEnv();
  /// The remote definition's URL (`bake URL`), "" for local files: targets' contexts then name
  /// that source (UseRemoteDefinition).
  std::string remote_url;
};

/// Resolves `requested` (target or group names or path.Match patterns over both; '.' in a
/// name reads as '_'; none = "default") against `config` with the --set values `set_values`
/// (see ParseOverrides; append FlagOverrides' for the flags). Groups nest (a cycle is cut
/// where it closes); a target's `inherits` are resolved recursively, each parent with its own
/// overrides, merged in order (later parents win), then the target itself, then its
/// overrides; an inherits cycle is cut as buildx does (the repeated parent adds nothing).
/// `contexts` values `target:NAME` pull NAME in (outputs `type=cacheonly`) and stay links.
/// Errors (kInvalidArgument unless noted; buildx's wording): "failed to find target NAME"
/// (kNotFound; also for "default" when neither a group nor a target has that name), "could
/// not find any target matching \"P\"", an invalid target name, override and value errors,
/// "target NAME cannot link to itself", "infinite loop from A to B", and a linked target
/// whose platforms do not cover the user's; a context UseRemoteDefinition refuses.
util::Result<Resolved> ResolveTargets(const Config& config, const std::vector<std::string>& requested,
                                      const std::vector<std::string>& set_values,
                                      const ResolveOptions& options = {});

}  // namespace manifold::bake
