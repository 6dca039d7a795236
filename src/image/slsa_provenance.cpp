// SLSA provenance predicates v0.2 and v1 from one SlsaProvenance.
#include "image/slsa_provenance.hpp"

namespace manifold::image {
namespace {

using Json = nlohmann::json;

Json Materials(const std::vector<SlsaMaterial>& materials) {
  Json out = Json::array();
  for (const auto& m : materials) {
    Json entry = {{"uri", m.uri}};
    if (!m.digest.empty()) entry["digest"] = m.digest;
    out.push_back(std::move(entry));
  }
  return out;
}

Json ConfigSource(const SlsaProvenance& p, std::string_view entry_key) {
  Json out = Json::object();
  if (!p.config_uri.empty()) out["uri"] = p.config_uri;
  if (!p.config_digest.empty()) out["digest"] = p.config_digest;
  if (!p.entry_point.empty()) out[std::string(entry_key)] = p.entry_point;
  return out;
}

Json Completeness(const SlsaProvenance& p) {
  return {{"parameters", p.complete_parameters},
          {"environment", p.complete_environment},
          {"materials", p.complete_materials}};
}

}  // namespace

Json SlsaV02Predicate(const SlsaProvenance& p) {
  Json invocation = {{"configSource", ConfigSource(p, "entryPoint")},
                     {"parameters", p.parameters},
                     {"environment", {{"platform", p.platform}}}};
  Json metadata = {{"buildInvocationID", p.invocation_id},
                   {"completeness", Completeness(p)},
                   {"reproducible", p.reproducible}};
  if (!p.started_on.empty()) metadata["buildStartedOn"] = p.started_on;
  if (!p.finished_on.empty()) metadata["buildFinishedOn"] = p.finished_on;
  if (!p.vendor_metadata.empty()) metadata[p.build_type + "#metadata"] = p.vendor_metadata;
  Json out = {{"builder", {{"id", p.builder_id}}},
              {"buildType", p.build_type},
              {"invocation", std::move(invocation)},
              {"metadata", std::move(metadata)},
              {"materials", Materials(p.materials)}};
  if (p.build_config) out["buildConfig"] = *p.build_config;
  return out;
}

Json SlsaV1Predicate(const SlsaProvenance& p) {
  Json request = p.parameters;
  request["platform"] = p.platform;
  Json build_definition = {{"buildType", p.build_type},
                           {"externalParameters", {{"configSource", ConfigSource(p, "path")}, {"request", request}}},
                           {"internalParameters", Json::object()},
                           {"resolvedDependencies", Materials(p.materials)}};
  if (p.build_config) build_definition["internalParameters"]["buildConfig"] = *p.build_config;
  Json metadata = {{"invocationID", p.invocation_id},
                   {"manifold_completeness", {{"request", p.complete_parameters},
                                              {"resolvedDependencies", p.complete_materials}}},
                   {"manifold_reproducible", p.reproducible}};
  if (!p.started_on.empty()) metadata["startedOn"] = p.started_on;
  if (!p.finished_on.empty()) metadata["finishedOn"] = p.finished_on;
  if (!p.vendor_metadata.empty()) metadata["manifold_metadata"] = p.vendor_metadata;
  return {{"buildDefinition", std::move(build_definition)},
          {"runDetails", {{"builder", {{"id", p.builder_id}}}, {"metadata", std::move(metadata)}}}};
}

}  // namespace manifold::image
