// Placing annotations: manifests rewritten, the index over them, descriptors annotated.
#include "exporter/annotate.hpp"

#include <map>

#include <fmt/format.h>

#include "image/descriptor_json.hpp"
#include "image/index.hpp"
#include "image/manifest.hpp"
#include "image/media_types.hpp"
#include "image/platform_parse.hpp"

namespace manifold::exporter {

namespace {

// BuildKit's attestation manifests point at their image manifest with this annotation.
constexpr const char* kReferenceDigest = "vnd.docker.reference.digest";

bool Selects(const Annotation& a, const image::Platform& platform) { return !a.platform || *a.platform == platform; }

util::Status CheckPlatforms(const AssembledImages& images, const std::vector<Annotation>& annotations) {
  for (const auto& a : annotations) {
    if (!a.platform) continue;
    bool built = false;
    std::string have;
    for (const auto& p : images.platforms) {
      built = built || p.platform == *a.platform;
      have += (have.empty() ? "" : ", ") + image::Format(p.platform);
    }
    if (!built) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "annotation {}[{}]:{}: this build has no {} image (it has {})",
                        AnnotationTypeName(a.type), image::Format(*a.platform), a.key, image::Format(*a.platform), have);
    }
  }
  return {};
}

util::Status NeedOci(std::string_view media_type, const std::string& digest) {
  if (media_type.find("vnd.docker") == std::string_view::npos) return {};
  return util::Fail(util::ErrorKind::kInvalidArgument,
                    "annotations need OCI media types, and {} is {} (drop oci-mediatypes=false)", digest,
                    std::string(media_type));
}

// Rewrites one platform's manifest with its annotations; returns its new descriptor.
util::Result<image::Descriptor> AnnotateManifest(const content::Store& store, const PlatformImage& p,
                                                 const std::map<std::string, std::string>& annotations) {
  if (annotations.empty()) return p.manifest;
  MANIFOLD_CHECK(NeedOci(p.manifest.media_type, p.manifest.digest.str()));
  auto manifest = image::ParseManifest(MANIFOLD_TRY(store.Read(p.manifest.digest)));
  if (!manifest) return std::unexpected(std::move(manifest.error()).Context("reading {}", p.manifest.digest.str()));
  for (const auto& [k, v] : annotations) manifest->annotations[k] = v;
  std::string bytes = image::SerializeManifest(*manifest, image::MediaTypes::kOci);
  MANIFOLD_TRY(store.Put(bytes));
  image::Descriptor d = image::DescriptorOf(p.manifest.media_type, bytes);
  d.platform = p.manifest.platform;
  d.annotations = p.manifest.annotations;
  return d;
}

}  // namespace

bool AnnotationHasPlace(const Annotation& a, bool root_is_index, bool writes_layout_index) {
  switch (a.type) {
    case AnnotationType::kManifest: return true;
    case AnnotationType::kIndex: return root_is_index;
    case AnnotationType::kManifestDescriptor: return root_is_index || writes_layout_index;
    case AnnotationType::kIndexDescriptor: return root_is_index && writes_layout_index;
  }
  return false;
}

util::Result<AssembledImages> ApplyAnnotations(const content::Store& store, const AssembledImages& images,
                                               const std::vector<Annotation>& annotations) {
  if (annotations.empty()) return images;
  MANIFOLD_CHECK(CheckPlatforms(images, annotations));
  const bool is_index = image::media_type::IsIndex(images.root.media_type);
  std::map<std::string, std::string> index_annotations, index_descriptor;
  for (const auto& a : annotations) {
    if (a.type == AnnotationType::kIndex) index_annotations[a.key] = a.value;
    if (a.type == AnnotationType::kIndexDescriptor) index_descriptor[a.key] = a.value;
  }
  if (!is_index && (!index_annotations.empty() || !index_descriptor.empty())) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "index annotations need an image index, and this build makes a single manifest (one "
                      "platform); annotate the manifest instead, or build several platforms");
  }
  AssembledImages out = images;
  std::map<image::Digest, image::Descriptor> moved;  // old manifest digest → its annotated descriptor
  for (auto& p : out.platforms) {
    std::map<std::string, std::string> manifest_annotations, descriptor_annotations;
    for (const auto& a : annotations) {
      if (!Selects(a, p.platform)) continue;
      if (a.type == AnnotationType::kManifest) manifest_annotations[a.key] = a.value;
      if (a.type == AnnotationType::kManifestDescriptor) descriptor_annotations[a.key] = a.value;
    }
    image::Descriptor d = MANIFOLD_TRY(AnnotateManifest(store, p, manifest_annotations));
    for (const auto& [k, v] : descriptor_annotations) d.annotations[k] = v;
    moved.emplace(p.manifest.digest, d);
    p.manifest = d;
  }
  if (!is_index) {
    out.root = out.platforms.front().manifest;
    return out;
  }
  MANIFOLD_CHECK(NeedOci(images.root.media_type, images.root.digest.str()));
  auto index = image::ParseIndex(MANIFOLD_TRY(store.Read(images.root.digest)));
  if (!index) return std::unexpected(std::move(index.error()).Context("reading {}", images.root.digest.str()));
  for (auto& entry : index->manifests) {
    if (auto it = moved.find(entry.digest); it != moved.end()) {
      image::Descriptor d = it->second;
      for (const auto& [k, v] : entry.annotations) d.annotations.try_emplace(k, v);
      d.platform = entry.platform;
      entry = d;
      continue;
    }
    // An entry about another (an attestation manifest) follows the manifest it refers to.
    if (auto ref = entry.annotations.find(kReferenceDigest); ref != entry.annotations.end()) {
      auto digest = image::Digest::Parse(ref->second);
      if (digest) {
        if (auto it = moved.find(*digest); it != moved.end()) ref->second = it->second.digest.str();
      }
    }
  }
  for (const auto& [k, v] : index_annotations) index->annotations[k] = v;
  std::string bytes = image::SerializeIndex(*index, image::MediaTypes::kOci);
  MANIFOLD_TRY(store.Put(bytes));
  out.root = image::DescriptorOf(images.root.media_type, bytes);
  out.root.annotations = images.root.annotations;
  for (const auto& [k, v] : index_descriptor) out.root.annotations[k] = v;
  return out;
}

}  // namespace manifold::exporter
