// Manifest JSON (image-spec manifest.md; Docker image manifest v2 schema 2).
#include "image/manifest.hpp"

#include "image/descriptor_json.hpp"
#include "image/internal/document_json.hpp"
#include "image/json_canonical.hpp"

namespace manifold::image {

using internal::Json;

std::string SerializeManifest(const Manifest& m, MediaTypes family) {
  Json out = Json::object();
  out["schemaVersion"] = 2;
  out["mediaType"] = family == MediaTypes::kOci ? media_type::kOciManifest : media_type::kDockerManifest;
  out["config"] = DescriptorToJson(m.config, family);
  Json layers = Json::array();
  for (const Descriptor& layer : m.layers) layers.push_back(DescriptorToJson(layer, family));
  out["layers"] = std::move(layers);
  if (family == MediaTypes::kOci) {
    if (m.artifact_type) out["artifactType"] = *m.artifact_type;
    if (m.subject) out["subject"] = DescriptorToJson(*m.subject, family);
    if (!m.annotations.empty()) out["annotations"] = m.annotations;
  }
  return CanonicalJson(out);
}

util::Result<Manifest> ParseManifest(std::string_view bytes) {
  Json json = MANIFOLD_TRY(ParseJson(bytes, "image manifest"));
  Manifest m;
  util::Status status = [&]() -> util::Status {
    MANIFOLD_CHECK(internal::ExpectObject(json, ""));
    MANIFOLD_CHECK(internal::CheckSchemaVersion(json));
    MANIFOLD_CHECK(internal::ReadDocumentMediaType(json, media_type::IsManifest, "image manifest",
                                                   m.media_type));
    const Json* config = internal::Field(json, "config");
    if (!config) return util::Fail(util::ErrorKind::kInvalidArgument, "config is missing");
    m.config = MANIFOLD_TRY(DescriptorFromJson(*config, "config"));
    MANIFOLD_CHECK(internal::ReadDescriptorList(json, "layers", m.layers));
    MANIFOLD_CHECK(internal::ReadSubjectAndArtifactType(json, m.subject, m.artifact_type));
    MANIFOLD_CHECK(internal::ReadStringMap(json, "annotations", "", m.annotations));
    return {};
  }();
  if (!status) return std::unexpected(std::move(status.error()).Context("image manifest"));
  return m;
}

}  // namespace manifold::image
