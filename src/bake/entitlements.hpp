// bake's entitlements: what a definition may do only when the command line allows it (--allow),
// as buildx's bake/entitlements.go — above all when the definition is someone else's (a remote
// one): host network, privileged steps, the ssh agent, and files read or written outside the
// working directory.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bake/env_lookup.hpp"
#include "bake/target.hpp"
#include "util/error.hpp"

namespace manifold::bake {

/// A set of entitlements: granted (--allow) or still needed (MissingEntitlements).
struct Entitlements {
  bool network_host = false;
  bool security_insecure = false;
  bool ssh = false;  ///< the default ssh agent forwarded (an `ssh` entry without paths)
  bool all_devices = false;
  std::vector<std::string> devices;
  std::vector<std::string> fs_read;   ///< paths; "*" = any
  std::vector<std::string> fs_write;  ///< paths; "*" = any
  std::vector<std::string> image_push;
  std::vector<std::string> image_load;

  bool empty() const;
};

/// Parses --allow values as buildx: network.host, security.insecure, ssh, device[=NAME],
/// fs.read=PATH, fs.write=PATH, fs=PATH (both), image.push=REF, image.load=REF, image=REF
/// (both). Errors (kInvalidArgument): an unknown key, naming it.
util::Result<Entitlements> ParseEntitlements(const std::vector<std::string>& allow);

/// What the --set values themselves grant, as buildx's AddOverrides does (the command line is
/// the user's own): output and cache-to destinations written, cache-from sources, ssh paths
/// and secret files read, network.host / security.insecure entitlements.
void GrantSetValues(const std::vector<std::string>& set_values, Entitlements& granted);

/// What building `targets` needs beyond `granted` (whose fs paths should include the working
/// directory, granted by default): each target's entitlements (and network "host"); the local
/// paths it reads (context, Dockerfile, named contexts, cache-from src, secret files, ssh
/// paths) and writes (output and cache-to destinations). A path is covered by a granted path
/// at or above it; both are made absolute and their symlinks resolved up to their first
/// missing part (so an output that does not exist yet needs its existing parent), as buildx.
/// The paths returned are sorted. Errors: a path that cannot be resolved.
util::Result<Entitlements> MissingEntitlements(const std::vector<Target>& targets, const Entitlements& granted);

/// How MissingEntitlements' result is told and decided.
struct EntitlementsDecision {
  std::string message;       ///< what to print (buildx's wording and the --allow flags); "" = none
  bool allowed = false;      ///< the build may go on
};

/// buildx's Prompt without the terminal question: lists `missing` with the --allow flags that
/// grant them (paths relative to `working_dir` when at most one level above it) and the full
/// command line `argv` with them added after `bake`. Filesystem entries alone let the build go
/// on when filesystem checks are off: BUILDX_BAKE_ENTITLEMENTS_FS=0, or, for a remote
/// definition (`remote`), BAKE_ALLOW_REMOTE_FS_ACCESS=1. Errors: an unparsable boolean.
util::Result<EntitlementsDecision> DecideEntitlements(const Entitlements& missing, bool remote,
                                                      const std::filesystem::path& working_dir,
                                                      const std::vector<std::string>& argv, const EnvLookup& env);

}  // namespace manifold::bake
