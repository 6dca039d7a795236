// Descriptor and platform JSON conversion (image-spec descriptor.md, image-index.md).
#include "image/descriptor_json.hpp"

#include "image/internal/json_fields.hpp"
#include "util/base64.hpp"

namespace manifold::image {

using internal::Json;

nlohmann::json PlatformToJson(const Platform& p) {
  Json out = Json::object();
  out["architecture"] = p.architecture;
  out["os"] = p.os;
  if (!p.variant.empty()) out["variant"] = p.variant;
  if (!p.os_version.empty()) out["os.version"] = p.os_version;
  if (!p.os_features.empty()) out["os.features"] = p.os_features;
  return out;
}

util::Result<Platform> PlatformFromJson(const nlohmann::json& json, std::string_view where) {
  MANIFOLD_CHECK(internal::ExpectObject(json, where));
  Platform p;
  for (const char* required : {"os", "architecture"}) {
    if (!internal::Field(json, required)) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{} is missing",
                        internal::Path(where, required));
    }
  }
  MANIFOLD_CHECK(internal::ReadString(json, "os", where, p.os));
  MANIFOLD_CHECK(internal::ReadString(json, "architecture", where, p.architecture));
  MANIFOLD_CHECK(internal::ReadString(json, "variant", where, p.variant));
  MANIFOLD_CHECK(internal::ReadString(json, "os.version", where, p.os_version));
  MANIFOLD_CHECK(internal::ReadStringList(json, "os.features", where, p.os_features));
  return p;
}

nlohmann::json DescriptorToJson(const Descriptor& d, MediaTypes family) {
  Json out = Json::object();
  out["mediaType"] = media_type::InFamily(d.media_type, family);
  out["digest"] = d.digest.str();
  out["size"] = d.size;
  if (!d.urls.empty()) out["urls"] = d.urls;
  if (d.platform) out["platform"] = PlatformToJson(*d.platform);
  if (d.data) out["data"] = util::Base64Encode(*d.data);
  if (family == MediaTypes::kOci) {
    if (!d.annotations.empty()) out["annotations"] = d.annotations;
    if (d.artifact_type) out["artifactType"] = *d.artifact_type;
  }
  return out;
}

util::Result<Descriptor> DescriptorFromJson(const nlohmann::json& json, std::string_view where) {
  MANIFOLD_CHECK(internal::ExpectObject(json, where));
  Descriptor d;
  for (const char* required : {"mediaType", "digest", "size"}) {
    if (!internal::Field(json, required)) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{} is missing",
                        internal::Path(where, required));
    }
  }
  MANIFOLD_CHECK(internal::ReadString(json, "mediaType", where, d.media_type));
  if (!media_type::IsValidMediaType(d.media_type)) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} {:?} is not a valid media type (type/subtype)",
                      internal::Path(where, "mediaType"), d.media_type);
  }
  std::string digest;
  MANIFOLD_CHECK(internal::ReadString(json, "digest", where, digest));
  auto parsed = Digest::Parse(digest);
  if (!parsed) return std::unexpected(std::move(parsed.error()).Context("{}", internal::Path(where, "digest")));
  d.digest = std::move(*parsed);
  MANIFOLD_CHECK(internal::ReadInt64(json, "size", where, d.size));
  if (d.size < 0) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} must not be negative ({})",
                      internal::Path(where, "size"), d.size);
  }
  MANIFOLD_CHECK(internal::ReadStringList(json, "urls", where, d.urls));
  for (size_t i = 0; i < d.urls.size(); ++i) {
    if (!internal::IsAbsoluteUri(d.urls[i])) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{}[{}] {:?} is not an absolute URI",
                        internal::Path(where, "urls"), i, d.urls[i]);
    }
  }
  MANIFOLD_CHECK(internal::ReadStringMap(json, "annotations", where, d.annotations));
  if (internal::Field(json, "artifactType")) {
    std::string artifact_type;
    MANIFOLD_CHECK(internal::ReadString(json, "artifactType", where, artifact_type));
    if (!media_type::IsValidMediaType(artifact_type)) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{} {:?} is not a valid media type",
                        internal::Path(where, "artifactType"), artifact_type);
    }
    d.artifact_type = std::move(artifact_type);
  }
  if (internal::Field(json, "data")) {
    std::string text;
    MANIFOLD_CHECK(internal::ReadString(json, "data", where, text));
    auto decoded = util::Base64Decode(text);
    if (!decoded) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{} is not valid padded base64",
                        internal::Path(where, "data"));
    }
    // Embedded data stands in for the blob, so it must be the blob (descriptor.md §Embedded Content).
    if (static_cast<int64_t>(decoded->size()) != d.size ||
        (d.digest.algorithm() == "sha256" && Digest::OfBytes(*decoded) != d.digest)) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{} does not match the descriptor's size and digest",
                        internal::Path(where, "data"));
    }
    d.data = std::move(*decoded);
  }
  if (const Json* platform = internal::Field(json, "platform")) {
    d.platform = MANIFOLD_TRY(PlatformFromJson(*platform, internal::Path(where, "platform")));
  }
  return d;
}

Descriptor DescriptorOf(std::string_view media_type, std::string_view bytes) {
  Descriptor d;
  d.media_type = std::string(media_type);
  d.digest = Digest::OfBytes(bytes);
  d.size = static_cast<int64_t>(bytes.size());
  return d;
}

}  // namespace manifold::image
