// Descriptor JSON conversion for the OCI layout (image-spec descriptor.md field names).
#include "content/internal/descriptor_json.hpp"

namespace manifold::content::internal {

namespace {

util::Status StringList(const nlohmann::json& json, std::string_view where, std::string_view field,
                        std::vector<std::string>& out) {
  if (!json.is_array()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}: {} must be an array of strings", where, field);
  }
  for (const auto& item : json) {
    if (!item.is_string()) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{}: {} must be an array of strings", where, field);
    }
    out.push_back(item.get<std::string>());
  }
  return {};
}

util::Result<std::string> StringField(const nlohmann::json& json, std::string_view where, const char* field) {
  const auto& value = json.at(field);
  if (!value.is_string()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}: {} must be a string", where, field);
  }
  return value.get<std::string>();
}

}  // namespace

nlohmann::json DescriptorToJson(const image::Descriptor& d) {
  nlohmann::json out = nlohmann::json::object();
  out["mediaType"] = d.media_type;
  out["digest"] = d.digest.str();
  out["size"] = d.size;
  if (!d.urls.empty()) out["urls"] = d.urls;
  if (!d.annotations.empty()) out["annotations"] = d.annotations;
  if (d.artifact_type) out["artifactType"] = *d.artifact_type;
  if (d.platform) {
    nlohmann::json p = nlohmann::json::object();
    p["os"] = d.platform->os;
    p["architecture"] = d.platform->architecture;
    if (!d.platform->variant.empty()) p["variant"] = d.platform->variant;
    if (!d.platform->os_version.empty()) p["os.version"] = d.platform->os_version;
    if (!d.platform->os_features.empty()) p["os.features"] = d.platform->os_features;
    out["platform"] = std::move(p);
  }
  return out;
}

util::Result<image::Descriptor> DescriptorFromJson(const nlohmann::json& json, std::string_view where) {
  if (!json.is_object()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}: a descriptor must be a JSON object", where);
  }
  image::Descriptor d;
  if (json.contains("mediaType")) d.media_type = MANIFOLD_TRY(StringField(json, where, "mediaType"));
  if (!json.contains("digest")) return util::Fail(util::ErrorKind::kInvalidArgument, "{}: digest is missing", where);
  std::string digest = MANIFOLD_TRY(StringField(json, where, "digest"));
  auto parsed = image::Digest::Parse(digest);
  if (!parsed) return std::unexpected(std::move(parsed.error()).Context("{}", where));
  d.digest = std::move(*parsed);
  const auto size = json.find("size");
  if (size == json.end() || !size->is_number_integer() || size->get<int64_t>() < 0) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}: size must be a non-negative integer", where);
  }
  d.size = size->get<int64_t>();
  if (json.contains("urls")) MANIFOLD_CHECK(StringList(json.at("urls"), where, "urls", d.urls));
  if (json.contains("artifactType")) d.artifact_type = MANIFOLD_TRY(StringField(json, where, "artifactType"));
  if (json.contains("annotations")) {
    const auto& annotations = json.at("annotations");
    if (!annotations.is_object()) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{}: annotations must be an object", where);
    }
    for (const auto& [key, value] : annotations.items()) {
      if (!value.is_string()) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "{}: annotation {:?} must be a string", where, key);
      }
      d.annotations[key] = value.get<std::string>();
    }
  }
  if (json.contains("platform")) {
    const auto& p = json.at("platform");
    if (!p.is_object()) return util::Fail(util::ErrorKind::kInvalidArgument, "{}: platform must be an object", where);
    image::Platform platform;
    if (p.contains("os")) platform.os = MANIFOLD_TRY(StringField(p, where, "os"));
    if (p.contains("architecture")) platform.architecture = MANIFOLD_TRY(StringField(p, where, "architecture"));
    if (p.contains("variant")) platform.variant = MANIFOLD_TRY(StringField(p, where, "variant"));
    if (p.contains("os.version")) platform.os_version = MANIFOLD_TRY(StringField(p, where, "os.version"));
    if (p.contains("os.features")) {
      MANIFOLD_CHECK(StringList(p.at("os.features"), where, "platform os.features", platform.os_features));
    }
    d.platform = std::move(platform);
  }
  return d;
}

}  // namespace manifold::content::internal
