// bake --set overrides: parsing `PATTERN.KEY[+]=VALUE`, the flag shorthands, and applying them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bake/env_lookup.hpp"
#include "bake/target.hpp"
#include "util/error.hpp"

namespace manifold::bake {

/// What the --set values say about one key of one target (buildx's Override): `value` for
/// scalar and map keys (the last --set wins), `values` for list keys (every --set for the key,
/// in order) and whether the last of them used `+=`.
struct Override {
  std::string value;
  std::vector<std::string> values;
  bool append = false;
};

/// Overrides per target name, then per key as written after the pattern ("args.FOO", "tags").
using Overrides = std::map<std::string, std::map<std::string, Override>>;

/// Parses --set values against `config` as buildx's newOverrides. The pattern before the first
/// '.' is a target name or a Go path.Match pattern over target names (not groups). List keys
/// (output, cache-to, cache-from, tags, platform, secrets, ssh, attest, entitlements, network,
/// annotations, and unlike buildx's code but as its documentation says no-cache-filter and
/// ulimits) collect values; `+=` appends only on them (annotations, attest and entitlements
/// always append), elsewhere it is ignored. `args.NAME` without '=' takes NAME from `env`
/// (unless BUILDX_BAKE_DISABLE_VARS_ENV_LOOKUP is true there) and is skipped when unset.
/// Errors (kInvalidArgument, buildx's wording): "invalid override key K, expected
/// target.name", "invalid override V, expected target.name=value", "could not find any target
/// matching 'P'", "invalid key K, args requires name" (also contexts, secret), "invalid key K,
/// secret does not support append". Unknown keys are reported by ApplyOverrides.
util::Result<Overrides> ParseOverrides(const Config& config, const std::vector<std::string>& set_values,
                                       const EnvLookup& env);

/// The bake flags that buildx turns into --set values.
struct OverrideFlags {
  bool load = false;                ///< --load
  bool push = false;                ///< --push
  std::optional<bool> no_cache;     ///< --no-cache, when given
  std::optional<bool> pull;         ///< --pull, when given
  std::string sbom;                 ///< --sbom VALUE ("" = not given)
  std::string provenance;           ///< --provenance VALUE ("" = not given)
  std::string call;                 ///< --call / --check VALUE ("" or "build" = none)
};

/// The --set values the flags stand for, in buildx's order, appended after the user's:
/// `*.push=true`, `*.load=true`, `*.call=NAME` (check → lint; build adds nothing),
/// `*.no-cache=B`, `*.pull=B`, `*.attest=type=sbom,...`, `*.attest=type=provenance,...`
/// (a boolean VALUE becomes `disabled=!VALUE`). Errors: a malformed --call value, as
/// buildx's ParseCallFunc ("invalid print field: F", "invalid print value: V").
util::Result<std::vector<std::string>> FlagOverrides(const OverrideFlags& flags);

/// Applies one target's overrides as buildx's AddOverrides, keys in sorted order (buildx walks
/// a Go map), `secret.ID` ones last. `push=B` sets push on image outputs, drops registry ones
/// when false, and adds `type=image,push=true` when every output is docker (or there is
/// none); `load=true` adds `type=docker` unless some output already loads or is not an
/// image/registry/oci one. Output-like lists are rewritten in their canonical CSV form.
/// Errors (kInvalidArgument): "unknown key: K", "invalid value V for boolean key K",
/// "invalid format for args, expecting args.<name>=<value>" (labels, contexts, extra-hosts,
/// secret alike), value parse errors ("invalid value for outputs: ..."), `secret "ID" must be
/// declared before it can be overridden`, and "resources"/"policy", which manifold's Target
/// does not model.
util::Status ApplyOverrides(Target& target, const std::map<std::string, Override>& overrides);

}  // namespace manifold::bake
