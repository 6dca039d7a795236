// Attestations: made per platform from the build, attached in the form each output asks for.
#include "builder/attestations.hpp"

#include <algorithm>
#include <future>

#include "builder/deliver_outputs.hpp"
#include "image/platform_parse.hpp"

namespace manifold::builder {
namespace {

bool Pushes(const exporter::OutputSpec& o) {
  return o.type == exporter::OutputType::kRegistry || (o.type == exporter::OutputType::kImage && o.push);
}

std::vector<std::string> SubjectNames(const BuildRequest& request) {
  std::vector<std::string> names = request.tags;
  for (const auto& out : request.outputs) {
    if (!OutputTakesAttestations(out)) continue;
    for (const auto& n : out.names) {
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
  }
  return names;
}

bool WantsProvenance(const BuildRequest& request) {
  return EffectiveProvenance(request.attest, AnyOutputTakesAttestations(request) && !DockerMediaTypes(request))
      .has_value();
}

}  // namespace

std::shared_future<std::optional<GitSource>> StartReadingGitSource(const BuildRequest& request,
                                                                   const LoweredBuild& lowered) {
  if (request.context_git || !WantsProvenance(request)) {
    std::promise<std::optional<GitSource>> none;
    none.set_value(std::nullopt);
    return none.get_future().share();
  }
  return std::async(std::launch::async, [dir = lowered.context_dir] { return ReadGitSource(dir); }).share();
}

bool OutputTakesAttestations(const exporter::OutputSpec& output) {
  return Pushes(output) || output.type == exporter::OutputType::kOci;
}

bool AnyOutputTakesAttestations(const BuildRequest& request) {
  return request.push || std::any_of(request.outputs.begin(), request.outputs.end(), OutputTakesAttestations);
}

bool DockerMediaTypes(const BuildRequest& request) {
  return ImageFormatOf(request).family == image::MediaTypes::kDocker;
}

util::Status CheckAttestationsSupported(const BuildRequest& request) {
  if (request.attest.provenance && DockerMediaTypes(request) && AnyOutputTakesAttestations(request)) {
    // An attestation manifest is an OCI manifest in an OCI index; a Docker manifest list has
    // no place for it.
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "--provenance / --attest: attestations need OCI media types; drop oci-mediatypes=false from "
                      "--output or pass --provenance=false");
  }
  return {};
}

MadeAttestations MakeAttestations(const ProvenanceInputs& inputs,
                                  const std::vector<exporter::PlatformAttestations>& more) {
  const BuildRequest& request = *inputs.request;
  MadeAttestations out;
  out.statements.subject_names = SubjectNames(request);
  // Docker media types have no place for attestation manifests: no default provenance there.
  auto provenance =
      EffectiveProvenance(request.attest, AnyOutputTakesAttestations(request) && !DockerMediaTypes(request));
  for (const auto& build : inputs.lowered->platforms) {
    exporter::PlatformAttestations platform;
    platform.platform = build.platform;
    if (provenance) {
      auto predicate = ProvenancePredicate(MakeProvenance(inputs, build.platform, *provenance), provenance->version);
      if (provenance->mode == ProvenanceMode::kMax) out.provenance_max[image::Format(build.platform)] = predicate;
      platform.predicates.push_back({std::string(ProvenancePredicateType(provenance->version)), std::move(predicate)});
    }
    out.statements.platforms.push_back(std::move(platform));
  }
  for (const auto& extra : more) {
    auto it = std::find_if(out.statements.platforms.begin(), out.statements.platforms.end(),
                           [&](const exporter::PlatformAttestations& p) { return p.platform == extra.platform; });
    if (it == out.statements.platforms.end()) {
      out.statements.platforms.push_back(extra);  // WithAttestationManifests refuses it: no such image
      continue;
    }
    it->predicates.insert(it->predicates.end(), extra.predicates.begin(), extra.predicates.end());
  }
  return out;
}

util::Result<BuildAttestations> Attest(const BuildRequest& request, const LoweredBuild& lowered,
                                       std::function<std::optional<std::string>(const graph::VertexRef&)> download_digest,
                                       std::chrono::system_clock::time_point started,
                                       const std::vector<exporter::PlatformAttestations>& more,
                                       std::shared_future<std::optional<GitSource>> git) {
  ProvenanceInputs inputs;
  inputs.request = &request;
  inputs.lowered = &lowered;
  inputs.download_digest = std::move(download_digest);
  inputs.started = started;
  inputs.finished = std::chrono::system_clock::now();
  inputs.invocation_id = NewInvocationId();
  if (WantsProvenance(request)) {
    inputs.git = request.context_git ? request.context_git
                 : git.valid()        ? git.get()
                                      : ReadGitSource(lowered.context_dir);
  }
  BuildAttestations out;
  out.made = MakeAttestations(inputs, more);
  return out;
}

}  // namespace manifold::builder
