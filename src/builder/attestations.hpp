// builder: which attestations a build makes, and the images each output then delivers.
#pragma once

#include <chrono>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "builder/build_request.hpp"
#include "builder/deliver_outputs.hpp"
#include "builder/provenance.hpp"
#include "content/store.hpp"
#include "exporter/attestation_manifests.hpp"
#include "exporter/image_assembly.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// True for outputs that carry attestations: pushes (type=registry, type=image,push=true) and
/// type=oci. --load, type=docker, type=image without push, local and tar never do.
bool OutputTakesAttestations(const exporter::OutputSpec& output);
/// True when --push or any output of `request` takes attestations.
bool AnyOutputTakesAttestations(const BuildRequest& request);

/// True when the build's images use Docker media types (an output with oci-mediatypes=false).
bool DockerMediaTypes(const BuildRequest& request);

/// Refuses what the parsed flags ask for and this build cannot do yet (kInvalidArgument):
/// provenance asked for with Docker media types (a manifest list cannot hold attestations).
util::Status CheckAttestationsSupported(const BuildRequest& request);

/// The attestations of one build.
struct MadeAttestations {
  exporter::Attestations statements;          ///< per platform: what goes into the images
  std::map<std::string, nlohmann::json> provenance_max;  ///< platform → predicate, mode=max only
};

/// Makes the attestations `request` asks for (or buildx's default provenance when an output
/// takes attestations): per platform of `lowered`, the provenance predicate (provenance.hpp).
/// `inputs.request` and `inputs.lowered` must be set. Statements name the images after the
/// tags and the attestation-taking outputs' names. `more` (e.g. the SBOM scanner's documents,
/// predicate type https://spdx.dev/Document) are added to their platforms' predicates after
/// the provenance; one for a platform the build does not have makes DeliverOutputs fail
/// (kInternal).
MadeAttestations MakeAttestations(const ProvenanceInputs& inputs,
                                  const std::vector<exporter::PlatformAttestations>& more = {});

/// What Attest() made.
struct BuildAttestations {
  MadeAttestations made;  ///< DeliverOutputs attaches made.statements to each output's images
};

/// The context's git checkout (ReadGitSource) as Attest will want it, read on a thread of its
/// own from now on: its `git` processes (about 10 ms) then overlap the build instead of
/// following it. A ready nullopt when no provenance is made or the request names its source.
std::shared_future<std::optional<GitSource>> StartReadingGitSource(const BuildRequest& request,
                                                                   const LoweredBuild& lowered);

/// MakeAttestations() for a finished build (DeliverOutputs attaches them per output): the
/// context's git checkout from `git` (StartReadingGitSource), or read now when that is not
/// given, when provenance is made; times the build from `started` to now.
util::Result<BuildAttestations> Attest(const BuildRequest& request, const LoweredBuild& lowered,
                                       std::function<std::optional<std::string>(const graph::VertexRef&)> download_digest,
                                       std::chrono::system_clock::time_point started,
                                       const std::vector<exporter::PlatformAttestations>& more = {},
                                       std::shared_future<std::optional<GitSource>> git = {});

}  // namespace manifold::builder
