// The environment variables and special build args through which CI steers `buildx build`.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cache/cache_spec.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// --progress's value: the flag when given, else $BUILDKIT_PROGRESS when set and not empty
/// (as buildx), else "auto".
std::string EffectiveProgress(bool flag_given, const std::string& flag_value);

/// The --platform values to use: the flags when any were given, else $DOCKER_DEFAULT_PLATFORM
/// (a comma list, as docker's CLI) when set and not empty, else none (the host's).
std::vector<std::string> EffectivePlatforms(const std::vector<std::string>& flags);

/// buildx: $SOURCE_DATE_EPOCH of the client's environment becomes the build arg of that name
/// unless --build-arg gave one (an empty value, from either, unsets it). Errors
/// (kInvalidArgument): a value that is not a non-negative integer of seconds, naming its source.
util::Status PropagateSourceDateEpoch(std::map<std::string, std::string>& build_args);

/// `--build-arg BUILDKIT_INLINE_CACHE=1` (any true word) = `--cache-to type=inline`, added
/// unless one is there. Errors (kInvalidArgument): a value that is not a boolean.
util::Status ApplyInlineCacheArg(const std::map<std::string, std::string>& build_args,
                                 std::vector<cache::CacheSpec>& cache_to);

/// Removes the type=gha entries of `specs` and returns one warning line for each, as buildx
/// goes on without a GitHub Actions cache it cannot use. manifold does not speak that service's
/// protocol; the warning says whether it was configured ($ACTIONS_CACHE_URL /
/// $ACTIONS_RUNTIME_TOKEN or url=/token= keys) and what to use instead.
std::vector<std::string> DropGhaCaches(std::vector<cache::CacheSpec>& specs, const char* flag);

}  // namespace manifold::builder
