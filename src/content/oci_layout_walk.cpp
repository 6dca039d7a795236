// CollectLayoutBlobs: the closure of blobs below an OCI layout's root descriptors.
#include <map>

#include <nlohmann/json.hpp>

#include "image/descriptor_json.hpp"
#include "content/oci_layout.hpp"
#include "image/media_types.hpp"

namespace manifold::content {

namespace {

class Walker {
 public:
  explicit Walker(const Store& store) : store_(store) {}

  util::Status Visit(const image::Descriptor& d, const std::string& referrer) {
    if (found_.contains(d.digest)) return {};
    if (!store_.Has(d.digest)) {
      // image-layout.md lets a layout lack blobs that live elsewhere: only non-distributable
      // layers (those with urls) are fetched from their own URLs by consumers.
      if (!d.urls.empty()) return {};
      return util::Fail(util::ErrorKind::kNotFound,
                        "blob {} ({}, referenced by {}) is not in the content store {}", d.digest.str(),
                        d.media_type.empty() ? "no media type" : d.media_type, referrer,
                        store_.BlobPath(d.digest).string());
    }
    int64_t size = MANIFOLD_TRY(store_.Size(d.digest));
    if (size != d.size) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "blob {} (referenced by {}) has {} bytes but its descriptor says {}", d.digest.str(),
                        referrer, size, d.size);
    }
    found_.emplace(d.digest, d);
    bool index = image::media_type::IsIndex(d.media_type);
    bool manifest = image::media_type::IsManifest(d.media_type);
    if (!index && !manifest) return {};
    std::string bytes = MANIFOLD_TRY(store_.Read(d.digest));
    nlohmann::json json = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
    std::string self = fmt::format("{} {}", index ? "index" : "manifest", d.digest.str());
    if (!json.is_object()) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{} is not a JSON object", self);
    }
    if (index) return VisitList(json, "manifests", self);
    if (json.contains("config")) {
      auto config = MANIFOLD_TRY(image::DescriptorFromJson(json["config"], self + " config"));
      MANIFOLD_CHECK(Visit(config, self));
    } else {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{} has no config", self);
    }
    return VisitList(json, "layers", self);
  }

  std::vector<image::Descriptor> Result() && {
    std::vector<image::Descriptor> out;
    out.reserve(found_.size());
    for (auto& [digest, d] : found_) out.push_back(std::move(d));
    return out;
  }

 private:
  util::Status VisitList(const nlohmann::json& json, const char* field, const std::string& self) {
    if (!json.contains(field)) return {};
    const auto& list = json[field];
    if (!list.is_array()) return util::Fail(util::ErrorKind::kInvalidArgument, "{}: {} is not an array", self, field);
    for (size_t i = 0; i < list.size(); ++i) {
      auto child = MANIFOLD_TRY(image::DescriptorFromJson(list[i], fmt::format("{} {}[{}]", self, field, i)));
      MANIFOLD_CHECK(Visit(child, self));
    }
    return {};
  }

  const Store& store_;
  std::map<image::Digest, image::Descriptor> found_;
};

}  // namespace

util::Result<std::vector<image::Descriptor>> CollectLayoutBlobs(const Store& store,
                                                                std::span<const image::Descriptor> roots) {
  Walker walker(store);
  for (const auto& root : roots) MANIFOLD_CHECK(walker.Visit(root, "index.json"));
  return std::move(walker).Result();
}

}  // namespace manifold::content
