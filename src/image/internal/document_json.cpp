// Shared manifest/index JSON reading.
#include "image/internal/document_json.hpp"

#include "image/descriptor_json.hpp"
#include "image/media_types.hpp"

namespace manifold::image::internal {

util::Status CheckSchemaVersion(const Json& json) {
  if (!Field(json, "schemaVersion")) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "schemaVersion is missing");
  }
  int64_t version = 0;
  MANIFOLD_CHECK(ReadInt64(json, "schemaVersion", "", version));
  if (version != 2) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "schemaVersion must be 2, not {}", version);
  }
  return {};
}

util::Status ReadDocumentMediaType(const Json& json, bool (*accept)(std::string_view),
                                   std::string_view kind, std::string& out) {
  MANIFOLD_CHECK(ReadString(json, "mediaType", "", out));
  if (!out.empty() && !accept(out)) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "mediaType {:?} is not an {} media type",
                      out, kind);
  }
  return {};
}

util::Status ReadDescriptorList(const Json& json, std::string_view key, std::vector<Descriptor>& out) {
  const Json* list = Field(json, key);
  if (!list) return util::Fail(util::ErrorKind::kInvalidArgument, "{} is missing", key);
  if (!list->is_array()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} must be an array, not {}", key,
                      list->type_name());
  }
  for (size_t i = 0; i < list->size(); ++i) {
    out.push_back(MANIFOLD_TRY(DescriptorFromJson((*list)[i], fmt::format("{}[{}]", key, i))));
  }
  return {};
}

util::Status ReadSubjectAndArtifactType(const Json& json, std::optional<Descriptor>& subject,
                                        std::optional<std::string>& artifact_type) {
  if (const Json* s = Field(json, "subject")) subject = MANIFOLD_TRY(DescriptorFromJson(*s, "subject"));
  if (Field(json, "artifactType")) {
    std::string type;
    MANIFOLD_CHECK(ReadString(json, "artifactType", "", type));
    if (!media_type::IsValidMediaType(type)) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "artifactType {:?} is not a valid media type", type);
    }
    artifact_type = std::move(type);
  }
  return {};
}

}  // namespace manifold::image::internal
