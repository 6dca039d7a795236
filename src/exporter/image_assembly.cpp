// Configs, manifests and the index, written to the store.
#include "exporter/image_assembly.hpp"

#include <optional>

#include <fmt/format.h>

#include "image/descriptor_json.hpp"
#include "image/index.hpp"
#include "image/manifest.hpp"
#include "image/platform_parse.hpp"
#include "progress/activity.hpp"

namespace manifold::exporter {

namespace {

std::string_view LayerType(std::string_view oci_type, image::MediaTypes family) {
  if (family == image::MediaTypes::kOci) return oci_type;
  if (oci_type == image::media_type::kOciLayerGzip) return image::media_type::kDockerLayerGzip;
  if (oci_type == image::media_type::kOciLayerZstd) return image::media_type::kDockerLayerZstd;
  return image::media_type::kDockerLayer;
}

// `what` ("config", "manifest", "manifest list"): with `progress`, the write is a vertex named
// as BuildKit's image exporter names it, "exporting config sha256:…".
util::Result<image::Descriptor> Put(const content::Store& store, std::string_view media_type, const std::string& bytes,
                                    progress::Sink* progress = nullptr, std::string_view what = {},
                                    std::vector<std::string> platforms = {}) {
  image::Descriptor descriptor = image::DescriptorOf(media_type, bytes);
  std::optional<progress::Activity> activity;
  if (progress != nullptr) {
    activity.emplace(*progress, fmt::format("export:{}:{}", what, descriptor.digest.str()),
                     fmt::format("exporting {} {}", what, descriptor.digest.str()), std::move(platforms));
  }
  auto put = store.Put(bytes);
  if (activity) activity->Finish(put);
  MANIFOLD_TRY(put);
  return descriptor;
}

util::Result<PlatformImage> AssembleOne(const content::Store& store, LayerMaker& maker,
                                        const PlatformImageInput& input, image::MediaTypes family,
                                        progress::Sink* progress) {
  const std::vector<std::string> platform = {image::Format(input.platform)};
  PlatformImage out;
  out.platform = input.platform;
  auto layers = MANIFOLD_TRY(maker.Layers(input.root));
  image::ImageConfig config = input.config;
  config.diff_ids.clear();
  size_t next_layer = 0;
  for (auto& entry : config.history) {
    if (entry.empty_layer) continue;
    if (next_layer >= layers.size()) {
      return util::Fail(util::ErrorKind::kInternal, "{}: history names more layers ({}) than the filesystem has",
                        image::Format(input.platform), layers.size());
    }
    const auto& layer = layers[next_layer++];
    if (!layer) {
      entry.empty_layer = true;  // the step changed nothing: no layer, as BuildKit does
      continue;
    }
    image::Descriptor d = layer->descriptor;
    d.media_type = std::string(LayerType(d.media_type, family));
    out.layers.push_back(d);
    config.diff_ids.push_back(layer->diff_id);
  }
  if (next_layer != layers.size()) {
    return util::Fail(util::ErrorKind::kInternal, "{}: {} layers but {} history entries with layers",
                      image::Format(input.platform), layers.size(), next_layer);
  }
  bool oci = family == image::MediaTypes::kOci;
  out.config = MANIFOLD_TRY(Put(store, oci ? image::media_type::kOciConfig : image::media_type::kDockerConfig,
                                image::SerializeConfig(config), progress, "config", platform));
  image::Manifest manifest;
  manifest.media_type = std::string(oci ? image::media_type::kOciManifest : image::media_type::kDockerManifest);
  manifest.config = out.config;
  manifest.layers = out.layers;
  out.manifest = MANIFOLD_TRY(
      Put(store, manifest.media_type, image::SerializeManifest(manifest, family), progress, "manifest", platform));
  out.manifest.platform = input.platform;
  return out;
}

}  // namespace

util::Status ExportLayers(LayerMaker& layers, const std::vector<PlatformImageInput>& inputs, progress::Sink& progress) {
  progress::Activity activity(progress, "export:layers", "exporting layers");
  layers.SetProgress(&activity);
  auto made = [&]() -> util::Status {
    for (const auto& input : inputs) {
      auto one = layers.Layers(input.root);
      if (!one) return std::unexpected(std::move(one.error()).Context("exporting {}", image::Format(input.platform)));
    }
    return {};
  }();
  layers.SetProgress(nullptr);
  return activity.Finish(std::move(made));
}

util::Result<AssembledImages> AssembleImages(const content::Store& store, LayerMaker& layers,
                                             const std::vector<PlatformImageInput>& inputs,
                                             image::MediaTypes family, progress::Sink* progress) {
  AssembledImages result;
  for (const auto& input : inputs) {
    auto one = AssembleOne(store, layers, input, family, progress);
    if (!one) return std::unexpected(std::move(one.error()).Context("exporting {}", image::Format(input.platform)));
    result.platforms.push_back(std::move(*one));
  }
  result.root = MANIFOLD_TRY(WriteRoot(store, result.platforms, family, progress));
  return result;
}

util::Result<image::Descriptor> WriteRoot(const content::Store& store, const std::vector<PlatformImage>& platforms,
                                          image::MediaTypes family, progress::Sink* progress) {
  if (platforms.size() == 1) return platforms[0].manifest;
  image::Index index;
  bool oci = family == image::MediaTypes::kOci;
  index.media_type = std::string(oci ? image::media_type::kOciIndex : image::media_type::kDockerManifestList);
  for (const auto& p : platforms) index.manifests.push_back(p.manifest);
  return Put(store, index.media_type, image::SerializeIndex(index, family), progress, "manifest list");
}

}  // namespace manifold::exporter
