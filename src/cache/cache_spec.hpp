// CacheSpec: what `--cache-to` / `--cache-from` ask for (buildx's CSV syntax), parsed and checked.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::cache {

/// One parsed --cache-to / --cache-from value (buildx syntax: CSV key=value, util::SplitCsv).
/// Plain data.
struct CacheSpec {
  enum class Type { kLocal, kRegistry, kInline, kGha };
  Type type = Type::kRegistry;
  std::filesystem::path dir;  ///< local: dest= (export) / src= (import), as given
  std::string ref;            ///< registry: ref=REG/REPO:TAG, as given (checked to parse as a reference)
  bool mode_max = false;      ///< mode=min (default) | mode=max; export only
  bool ignore_error = false;  ///< ignore-error=true; export only
  bool registry_insecure = false;  ///< registry: registry.insecure=true (plain HTTP / unverified TLS)
  bool gha_configured = false;     ///< gha: token= was given (the action passed the service's credentials)
  std::string raw;            ///< as given, for messages
};

/// Parses a --cache-to value: `type=registry,ref=R[,mode=min|max][,ignore-error=BOOL]`,
/// `type=local,dest=DIR[,…]`, `type=inline`, or a bare `REF` (= type=registry,ref=REF), as
/// buildx does. compression, compression-level, force-compression, oci-mediatypes and
/// image-manifest are accepted and ignored (manifold writes one format). `type=gha[,scope=…]`
/// parses (buildx's keys) so that the cli can warn and go on without it, as buildx does when
/// the GitHub cache service is unreachable: nothing below the cli gets a kGha spec. Errors
/// (kInvalidArgument) quote the flag and its value and say what to write instead: unknown or
/// unsupported types (s3, azblob, …), unknown keys, a missing dest/ref, a malformed ref,
/// bad mode or boolean values, mode=max with type=inline, a ref pinned by digest (an export
/// needs a tag to move).
util::Result<CacheSpec> ParseCacheTo(std::string_view value);

/// Parses a --cache-from value: `type=registry,ref=R`, `type=local,src=DIR`, or a bare `REF`.
/// type=inline is refused with a hint: inline cache is read through type=registry,ref=IMAGE.
/// mode= and ignore-error= are accepted and ignored (buildx passes them on, BuildKit ignores
/// them on import), as are the ignored format keys above, so one string can serve both flags.
/// Other errors as ParseCacheTo.
util::Result<CacheSpec> ParseCacheFrom(std::string_view value);

/// "local", "registry", "inline" or "gha".
std::string_view CacheTypeName(CacheSpec::Type type);

}  // namespace manifold::cache
