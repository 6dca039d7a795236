// Index JSON (image-spec image-index.md; Docker manifest list v2 schema 2).
#include "image/index.hpp"

#include "image/descriptor_json.hpp"
#include "image/internal/document_json.hpp"
#include "image/json_canonical.hpp"

namespace manifold::image {

using internal::Json;

std::string SerializeIndex(const Index& index, MediaTypes family) {
  Json out = Json::object();
  out["schemaVersion"] = 2;
  out["mediaType"] = family == MediaTypes::kOci ? media_type::kOciIndex : media_type::kDockerManifestList;
  Json manifests = Json::array();
  for (const Descriptor& d : index.manifests) manifests.push_back(DescriptorToJson(d, family));
  out["manifests"] = std::move(manifests);
  if (family == MediaTypes::kOci) {
    if (index.artifact_type) out["artifactType"] = *index.artifact_type;
    if (index.subject) out["subject"] = DescriptorToJson(*index.subject, family);
    if (!index.annotations.empty()) out["annotations"] = index.annotations;
  }
  return CanonicalJson(out);
}

util::Result<Index> ParseIndex(std::string_view bytes) {
  Json json = MANIFOLD_TRY(ParseJson(bytes, "image index"));
  Index index;
  util::Status status = [&]() -> util::Status {
    MANIFOLD_CHECK(internal::ExpectObject(json, ""));
    MANIFOLD_CHECK(internal::CheckSchemaVersion(json));
    MANIFOLD_CHECK(internal::ReadDocumentMediaType(json, media_type::IsIndex, "image index",
                                                   index.media_type));
    MANIFOLD_CHECK(internal::ReadDescriptorList(json, "manifests", index.manifests));
    MANIFOLD_CHECK(internal::ReadSubjectAndArtifactType(json, index.subject, index.artifact_type));
    MANIFOLD_CHECK(internal::ReadStringMap(json, "annotations", "", index.annotations));
    return {};
  }();
  if (!status) return std::unexpected(std::move(status.error()).Context("image index"));
  return index;
}

}  // namespace manifold::image
