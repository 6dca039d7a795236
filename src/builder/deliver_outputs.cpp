// Outputs in order: archives, pushes, loads.
#include "builder/deliver_outputs.hpp"

#include "exporter/deliver_docker.hpp"
#include "exporter/image_store.hpp"
#include "exporter/push.hpp"
#include "registry/reference.hpp"

namespace manifold::builder {

namespace {

// The names each loading output stores the image under (`--load`, `type=image` without push).
std::vector<std::vector<std::string>> LoadTargets(const BuildRequest& request) {
  std::vector<std::vector<std::string>> targets;
  for (const auto& out : request.outputs) {
    if (out.type == exporter::OutputType::kImage && !out.push) targets.push_back(out.names.empty() ? request.tags : out.names);
  }
  if (request.load) targets.push_back(request.tags);
  return targets;
}

// Stores the build's result under `names` (normalized; none = one unnamed image).
util::Result<std::vector<std::string>> LoadImages(const BuildRequest& request, const image::Descriptor& root,
                                                  const std::vector<std::string>& names) {
  exporter::ImageStore images(request.root);
  std::vector<std::string> loaded;
  if (names.empty()) MANIFOLD_CHECK(images.Put("", root));
  for (const auto& name : names) {
    auto ref = MANIFOLD_TRY(registry::ParseReference(name));
    MANIFOLD_CHECK(images.Put(ref.String(), root));
    loaded.push_back(ref.String());
  }
  return loaded;
}

// PushTargets() with how each output carries attestations (--push: BuildKit's index form).
std::vector<std::pair<std::vector<std::string>, exporter::AttestationStyle>> PushTargetStyles(
    const BuildRequest& request) {
  std::vector<std::pair<std::vector<std::string>, exporter::AttestationStyle>> targets;
  for (const auto& out : request.outputs) {
    bool pushes = out.type == exporter::OutputType::kRegistry || (out.type == exporter::OutputType::kImage && out.push);
    if (pushes) targets.emplace_back(out.names.empty() ? request.tags : out.names, out.attestations);
  }
  if (request.push) targets.emplace_back(request.tags, exporter::AttestationStyle::kIndex);
  return targets;
}

}  // namespace

std::vector<std::vector<std::string>> PushTargets(const BuildRequest& request) {
  std::vector<std::vector<std::string>> targets;
  for (const auto& out : request.outputs) {
    bool pushes = out.type == exporter::OutputType::kRegistry || (out.type == exporter::OutputType::kImage && out.push);
    if (pushes) targets.push_back(out.names.empty() ? request.tags : out.names);
  }
  if (request.push) targets.push_back(request.tags);
  return targets;
}

ImageFormat ImageFormatOf(const BuildRequest& request) {
  ImageFormat format;
  for (const auto& out : request.outputs) {
    if (out.type == exporter::OutputType::kOci || out.type == exporter::OutputType::kImage ||
        out.type == exporter::OutputType::kRegistry || out.type == exporter::OutputType::kDocker) {
      format.compression.compression = out.compression;
      format.compression.level = out.compression_level;
      if (!out.oci_mediatypes) format.family = image::MediaTypes::kDocker;
      break;
    }
  }
  return format;
}

bool NeedsBlobsLocally(const BuildRequest& request) {
  if (request.load) return true;
  for (const auto& out : request.outputs) {
    if (out.type == exporter::OutputType::kOci || out.type == exporter::OutputType::kDocker ||
        (out.type == exporter::OutputType::kImage && !out.push)) {
      return true;
    }
  }
  return false;
}

util::Result<Delivered> DeliverOutputs(const BuildRequest& request, const content::Store& store,
                                       const exporter::AssembledImages& images, registry::RegistryHosts& hosts,
                                       progress::Sink& progress, const std::map<std::string, std::string>& mount_sources,
                                       const FilesSource& files, const AttachedImages& attached) {
  for (const auto& out : request.outputs) {
    if (out.type == exporter::OutputType::kOci) {
      if (attached.indexed && out.attestations == exporter::AttestationStyle::kIndex) {
        MANIFOLD_CHECK(exporter::DeliverOci(store, *attached.indexed, out, request.source_date_epoch));
      } else {
        std::vector<image::Descriptor> referrers;
        for (const auto& r : attached.referrers) referrers.push_back(r.manifest);
        MANIFOLD_CHECK(exporter::DeliverOci(store, images, out, request.source_date_epoch, referrers));
      }
    } else if (out.type == exporter::OutputType::kDocker) {
      MANIFOLD_CHECK(exporter::DeliverDocker(store, images, out, out.names.empty() ? request.tags : out.names,
                                             request.source_date_epoch));
    } else if (out.type == exporter::OutputType::kLocal || out.type == exporter::OutputType::kTar) {
      if (files.snapshotter == nullptr) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "--output {}: the filesystems of platforms built on remote nodes stay there; use "
                          "type=oci (or --push) with a multi-node builder, or build with --builder default",
                          out.raw);
      }
      MANIFOLD_CHECK(exporter::DeliverFiles(*files.snapshotter, files.files, out, request.source_date_epoch));
    }
  }
  Delivered delivered;
  for (const auto& [names, style] : PushTargetStyles(request)) {
    if (attached.indexed && style == exporter::AttestationStyle::kIndex) {
      MANIFOLD_CHECK(exporter::PushImages(store, *attached.indexed, names, hosts, progress, mount_sources));
    } else {
      MANIFOLD_CHECK(exporter::PushImages(store, images, names, hosts, progress, mount_sources));
      if (!attached.referrers.empty()) {
        MANIFOLD_CHECK(exporter::PushReferrers(store, attached.referrers, names, hosts, progress));
      }
    }
    delivered.pushed.insert(delivered.pushed.end(), names.begin(), names.end());
  }
  for (const auto& names : LoadTargets(request)) {
    auto stored = MANIFOLD_TRY(LoadImages(request, images.root, names));
    delivered.loaded.insert(delivered.loaded.end(), stored.begin(), stored.end());
  }
  return delivered;
}

}  // namespace manifold::builder
