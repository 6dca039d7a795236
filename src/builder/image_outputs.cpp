// Image outputs: which outputs get images, under which names and annotations, and what is refused.
#include "builder/image_outputs.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "exporter/annotate.hpp"
#include "image/platform_parse.hpp"

namespace manifold::builder {

namespace {

using exporter::OutputType;

ImageOutput Make(ImageOutput::Kind kind, const BuildRequest& request, const exporter::OutputSpec* spec) {
  ImageOutput o;
  o.kind = kind;
  o.spec = spec;
  o.names = spec != nullptr && !spec->names.empty() ? spec->names : request.tags;
  o.annotations = request.annotations;
  if (spec != nullptr) {
    exporter::MergeAnnotations(o.annotations, spec->annotations);
    o.by_digest = spec->push_by_digest;
    o.name_canonical = spec->name_canonical;
    o.dangling_prefix = spec->dangling_name_prefix;
  }
  return o;
}

bool WritesLayoutIndex(ImageOutput::Kind kind) { return kind != ImageOutput::Kind::kPush; }

std::string Describe(const exporter::Annotation& a) {
  std::string platform = a.platform ? "[" + image::Format(*a.platform) + "]" : "";
  return fmt::format("{}{}:{}", exporter::AnnotationTypeName(a.type), platform, a.key);
}

std::string_view Where(exporter::AnnotationType type) {
  switch (type) {
    case exporter::AnnotationType::kIndex: return "an image index (build several platforms)";
    case exporter::AnnotationType::kManifestDescriptor:
      return "a manifest descriptor (an index, or an OCI/docker archive or the image store for one platform)";
    case exporter::AnnotationType::kIndexDescriptor:
      return "an index descriptor (an OCI/docker archive or the image store, over several platforms)";
    case exporter::AnnotationType::kManifest: break;
  }
  return "a manifest";
}

}  // namespace

std::vector<ImageOutput> ImageOutputs(const BuildRequest& request) {
  using Kind = ImageOutput::Kind;
  std::vector<ImageOutput> archives, pushes, stores, engines;
  for (const auto& out : request.outputs) {
    if (out.type == OutputType::kOci) archives.push_back(Make(Kind::kOciArchive, request, &out));
    if (out.type == OutputType::kDocker && !out.dest.empty()) archives.push_back(Make(Kind::kDockerArchive, request, &out));
    if (out.type == OutputType::kDocker && out.dest.empty()) {
      engines.push_back(Make(Kind::kEngine, request, &out));
      engines.back().engine_required = true;
    }
    bool image = out.type == OutputType::kImage || out.type == OutputType::kRegistry;
    if (image && out.push) pushes.push_back(Make(Kind::kPush, request, &out));
    if (image && out.store.value_or(!out.push)) stores.push_back(Make(Kind::kStore, request, &out));
  }
  if (request.push) pushes.push_back(Make(Kind::kPush, request, nullptr));
  if (request.load) stores.push_back(Make(Kind::kStore, request, nullptr));
  if (request.load) engines.push_back(Make(Kind::kEngine, request, nullptr));
  std::vector<ImageOutput> all = std::move(archives);
  all.insert(all.end(), pushes.begin(), pushes.end());
  all.insert(all.end(), stores.begin(), stores.end());
  all.insert(all.end(), engines.begin(), engines.end());
  return all;
}

util::Status CheckOutputOptions(const BuildRequest& request) {
  if (!request.annotations.empty() && ImageOutputs(request).empty()) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "--annotation: no output of this build has a manifest to annotate; add --push, --load or "
                      "-o type=image|registry|oci|docker");
  }
  std::vector<exporter::Annotation> all = request.annotations;
  for (const auto& out : request.outputs) all.insert(all.end(), out.annotations.begin(), out.annotations.end());
  for (const auto& a : all) {
    if (a.platform &&
        std::find(request.platforms.begin(), request.platforms.end(), *a.platform) == request.platforms.end()) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "annotation {}: this build does not make {} (--platform)",
                        Describe(a), image::Format(*a.platform));
    }
  }
  for (const auto& out : request.outputs) {
    if (out.rewrite_timestamp && !request.source_date_epoch) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "--output {}: rewrite-timestamp=true needs SOURCE_DATE_EPOCH (set it in the environment)",
                        out.raw);
    }
    if (out.platform_split == false && request.platforms.size() > 1) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "--output {}: platform-split=false (one tree for {} platforms) is not supported; leave it "
                        "out for one folder per platform",
                        out.raw, request.platforms.size());
    }
  }
  return {};
}

util::Status CheckAnnotationPlaces(const std::vector<ImageOutput>& outputs, const BuildRequest& request,
                                   bool root_is_index) {
  // An --annotation goes to every image output: one of them must have its document.
  for (const auto& a : request.annotations) {
    bool placed = std::any_of(outputs.begin(), outputs.end(), [&](const ImageOutput& o) {
      return exporter::AnnotationHasPlace(a, root_is_index, WritesLayoutIndex(o.kind));
    });
    if (!placed) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "--annotation {}: no output of this build writes {}",
                        Describe(a), Where(a.type));
    }
  }
  // An output's own key goes to that output alone.
  for (const auto& o : outputs) {
    if (o.spec == nullptr) continue;
    for (const auto& a : o.spec->annotations) {
      if (!exporter::AnnotationHasPlace(a, root_is_index, WritesLayoutIndex(o.kind))) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "--output {}: annotation {}: this output writes no {}",
                          o.spec->raw, Describe(a), Where(a.type));
      }
    }
  }
  return {};
}

}  // namespace manifold::builder
