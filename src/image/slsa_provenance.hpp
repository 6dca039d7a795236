// image::SlsaProvenance: what a build knows about itself, as SLSA provenance v0.2 or v1 predicates.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace manifold::image {

inline constexpr std::string_view kSlsaV02PredicateType = "https://slsa.dev/provenance/v0.2";
inline constexpr std::string_view kSlsaV1PredicateType = "https://slsa.dev/provenance/v1";

/// An artifact the build read: a package URL or URL and its digests ({"sha256": hex}).
struct SlsaMaterial {
  std::string uri;
  std::map<std::string, std::string> digest;

  bool operator==(const SlsaMaterial&) const = default;
};

/// One build's provenance, version-neutral. Empty strings and empty maps are left out of the
/// predicates; optionals likewise.
struct SlsaProvenance {
  std::string builder_id;                 ///< builder.id ("" unless the user named one)
  std::string build_type;                 ///< the URI that defines the parameters' shape
  std::string config_uri;                 ///< the source repository, when known
  std::map<std::string, std::string> config_digest;  ///< e.g. {"sha1": commit}
  std::string entry_point;                ///< the Dockerfile's name
  nlohmann::json parameters = nlohmann::json::object();  ///< frontend, args (mode=max), dockerfile, locals
  std::string platform;                   ///< the target platform, "linux/arm64"
  std::vector<SlsaMaterial> materials;    ///< base images, downloads
  std::optional<nlohmann::json> build_config;  ///< mode=max: the lowered build steps
  std::string invocation_id;              ///< unique per build
  std::string started_on, finished_on;    ///< RFC 3339, UTC
  bool complete_parameters = false, complete_environment = false, complete_materials = false;
  bool reproducible = false;
  nlohmann::json vendor_metadata = nlohmann::json::object();  ///< e.g. {"vcs": {...}}

  bool operator==(const SlsaProvenance&) const = default;
};

/// The SLSA v0.2 predicate: builder, buildType, invocation {configSource, parameters,
/// environment {platform}}, buildConfig (when set), metadata {buildInvocationID,
/// buildStartedOn, buildFinishedOn, completeness, reproducible, "<buildType>#metadata"}, materials.
nlohmann::json SlsaV02Predicate(const SlsaProvenance& provenance);

/// The SLSA v1 predicate: buildDefinition {buildType, externalParameters {configSource {uri,
/// digest, path}, request {parameters…, platform}}, internalParameters {buildConfig},
/// resolvedDependencies}, runDetails {builder {id}, metadata {invocationID, startedOn,
/// finishedOn, manifold_completeness, manifold_reproducible, manifold_metadata}}.
nlohmann::json SlsaV1Predicate(const SlsaProvenance& provenance);

}  // namespace manifold::image
