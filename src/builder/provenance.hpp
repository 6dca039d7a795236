// builder::MakeProvenance: a platform's SLSA provenance from what the build knows about itself.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "builder/attest_options.hpp"
#include "builder/build_request.hpp"
#include "graph/vertex.hpp"
#include "image/slsa_provenance.hpp"

namespace manifold::builder {

/// manifold's buildType: the URI that names the shape of its predicates' parameters and
/// buildConfig (documented in the README). Never BuildKit's: the shapes differ.
inline constexpr std::string_view kManifoldBuildType = "https://manifold.dev/build/dockerfile@v1";

/// Asks git (a subprocess; safe.directory left as configured, fsmonitor off) for the checkout
/// at `dir`: nullopt when git is absent, `dir` is not a checkout, or git refuses it.
std::optional<GitSource> ReadGitSource(const std::filesystem::path& dir);

/// What a build knows that every platform's provenance shares.
struct ProvenanceInputs {
  const BuildRequest* request = nullptr;  ///< args, target, labels, SOURCE_DATE_EPOCH
  const LoweredBuild* lowered = nullptr;  ///< Dockerfile name and digest, the platforms' graphs
  /// The digest ("sha256:…") a download vertex produced in this build's solve; unset or nullopt
  /// when unknown (the platform was built on another node).
  std::function<std::optional<std::string>(const graph::VertexRef&)> download_digest;
  std::optional<GitSource> git;
  std::chrono::system_clock::time_point started, finished;
  std::string invocation_id;  ///< NewInvocationId()
};

/// A fresh random 128-bit id in hex, for buildInvocationID.
std::string NewInvocationId();

/// The provenance of `platform`'s image: materials from its graph (base images as
/// `pkg:docker/…@TAG?platform=…` with their manifest digests, ADD URLs with the download's
/// digest), the Dockerfile's name and sha256, git source and commit, platform, times,
/// completeness, `reproducible` exactly when SOURCE_DATE_EPOCH is set; with mode=max also the
/// build args, target and labels (`args`) and the lowered steps (`buildConfig`). Never a secret's
/// value: secrets are not part of the graph. Asserts that `platform` is one of lowered's.
image::SlsaProvenance MakeProvenance(const ProvenanceInputs& inputs, const image::Platform& platform,
                                     const ProvenanceOptions& options);

/// The predicate type and JSON of `provenance` in `version`'s format.
std::string_view ProvenancePredicateType(SlsaVersion version);
nlohmann::json ProvenancePredicate(const image::SlsaProvenance& provenance, SlsaVersion version);

}  // namespace manifold::builder
