// Attestation manifests (BuildKit's layout) and referrer artifact manifests over in-toto layers.
#include "exporter/attestation_manifests.hpp"

#include "image/descriptor_json.hpp"
#include "image/in_toto.hpp"
#include "image/index.hpp"
#include "image/json_canonical.hpp"
#include "image/manifest.hpp"
#include "image/media_types.hpp"
#include "image/platform_parse.hpp"

namespace manifold::exporter {
namespace {

util::Result<image::Descriptor> Put(const content::Store& store, std::string_view media_type, const std::string& bytes) {
  MANIFOLD_TRY(store.Put(bytes));
  return image::DescriptorOf(media_type, bytes);
}

const PlatformImage* ImageFor(const AssembledImages& images, const image::Platform& platform) {
  for (const auto& p : images.platforms) {
    if (p.platform == platform) return &p;
  }
  return nullptr;
}

// The statements of one platform as layers in `store`.
util::Result<std::vector<image::Descriptor>> StatementLayers(const content::Store& store,
                                                             const PlatformAttestations& platform,
                                                             const PlatformImage& image,
                                                             const std::vector<std::string>& names) {
  std::vector<image::Descriptor> layers;
  for (const auto& predicate : platform.predicates) {
    auto layer = MANIFOLD_TRY(
        Put(store, image::kInTotoMediaType, StatementBytes(predicate, image.manifest, image.platform, names)));
    layer.annotations[std::string(image::kPredicateTypeAnnotation)] = predicate.predicate_type;
    layers.push_back(std::move(layer));
  }
  return layers;
}

// Iterates the platforms that have something to attach, with their images.
template <typename Fn>
util::Status ForEachAttested(const AssembledImages& images, const Attestations& attestations, Fn&& fn) {
  for (const auto& platform : attestations.platforms) {
    if (platform.predicates.empty()) continue;
    const PlatformImage* image = ImageFor(images, platform.platform);
    if (image == nullptr) {
      return util::Fail(util::ErrorKind::kInternal, "attestations for {}, which the build has no image of",
                        image::Format(platform.platform));
    }
    MANIFOLD_CHECK(fn(platform, *image));
  }
  return {};
}

}  // namespace

bool Attestations::empty() const {
  for (const auto& p : platforms) {
    if (!p.predicates.empty()) return false;
  }
  return true;
}

std::string StatementBytes(const AttestationPredicate& predicate, const image::Descriptor& manifest,
                           const image::Platform& platform, const std::vector<std::string>& subject_names) {
  image::InTotoStatement statement;
  statement.predicate_type = predicate.predicate_type;
  statement.predicate = predicate.predicate;
  if (subject_names.empty()) statement.subjects.push_back({image::ImageSubjectName("", platform), manifest.digest});
  for (const auto& name : subject_names) {
    statement.subjects.push_back({image::ImageSubjectName(name, platform), manifest.digest});
  }
  return image::SerializeStatement(statement);
}

util::Result<AssembledImages> WithAttestationManifests(const content::Store& store, const AssembledImages& images,
                                                       const Attestations& attestations) {
  image::Index index;
  if (image::media_type::IsIndex(images.root.media_type)) {
    // Keep the index as the output made it (its annotations, its entries' annotations).
    index = MANIFOLD_TRY(image::ParseIndex(MANIFOLD_TRY(store.Read(images.root.digest))));
  } else {
    index.media_type = std::string(image::media_type::kOciIndex);
    for (const auto& p : images.platforms) index.manifests.push_back(p.manifest);
  }
  MANIFOLD_CHECK(ForEachAttested(images, attestations, [&](const PlatformAttestations& platform,
                                                           const PlatformImage& image) -> util::Status {
    auto layers = MANIFOLD_TRY(StatementLayers(store, platform, image, attestations.subject_names));
    nlohmann::json diff_ids = nlohmann::json::array();
    for (const auto& l : layers) diff_ids.push_back(l.digest.str());  // uncompressed: digest = diff_id
    nlohmann::json config = {{"architecture", "unknown"},
                             {"os", "unknown"},
                             {"config", nlohmann::json::object()},
                             {"rootfs", {{"type", "layers"}, {"diff_ids", diff_ids}}}};
    image::Manifest manifest;
    manifest.media_type = std::string(image::media_type::kOciManifest);
    manifest.config = MANIFOLD_TRY(Put(store, image::media_type::kOciConfig, image::CanonicalJson(config)));
    manifest.layers = std::move(layers);
    auto descriptor = MANIFOLD_TRY(Put(store, manifest.media_type, image::SerializeManifest(manifest)));
    descriptor.platform = image::Platform{.os = "unknown", .architecture = "unknown", .variant = {},
                                          .os_version = {}, .os_features = {}};
    descriptor.annotations[std::string(kReferenceTypeAnnotation)] = std::string(kAttestationManifestType);
    descriptor.annotations[std::string(kReferenceDigestAnnotation)] = image.manifest.digest.str();
    index.manifests.push_back(std::move(descriptor));
    return {};
  }));
  AssembledImages out = images;
  out.root = MANIFOLD_TRY(Put(store, index.media_type, image::SerializeIndex(index)));
  return out;
}

util::Result<std::vector<Referrer>> WriteReferrerManifests(const content::Store& store, const AssembledImages& images,
                                                           const Attestations& attestations) {
  std::vector<Referrer> out;
  MANIFOLD_CHECK(ForEachAttested(images, attestations, [&](const PlatformAttestations& platform,
                                                           const PlatformImage& image) -> util::Status {
    image::Manifest manifest;
    manifest.media_type = std::string(image::media_type::kOciManifest);
    manifest.artifact_type = std::string(image::kInTotoMediaType);
    // The empty config of image-spec 1.1 (manifest.md, "Guidance for an Empty Descriptor").
    manifest.config = MANIFOLD_TRY(Put(store, image::media_type::kOciEmpty, "{}"));
    manifest.config.data = "{}";
    manifest.layers = MANIFOLD_TRY(StatementLayers(store, platform, image, attestations.subject_names));
    image::Descriptor subject = image.manifest;
    subject.platform.reset();
    subject.annotations.clear();
    manifest.subject = subject;
    manifest.annotations[std::string(kReferenceTypeAnnotation)] = std::string(kAttestationManifestType);
    auto descriptor = MANIFOLD_TRY(Put(store, manifest.media_type, image::SerializeManifest(manifest)));
    descriptor.artifact_type = manifest.artifact_type;
    descriptor.annotations = manifest.annotations;
    out.push_back({std::move(descriptor), image.manifest.digest});
    return {};
  }));
  return out;
}

}  // namespace manifold::exporter
