// Outputs in order: archives, pushes, loads.
#include "builder/deliver_outputs.hpp"

#include <fmt/format.h>

#include "builder/engine_delivery.hpp"
#include "builder/image_outputs.hpp"
#include "exporter/annotate.hpp"
#include "exporter/attestation_manifests.hpp"
#include "exporter/deliver_docker.hpp"
#include "exporter/image_store.hpp"
#include "exporter/push.hpp"
#include "image/media_types.hpp"
#include "progress/activity.hpp"
#include "registry/reference.hpp"

namespace manifold::builder {

namespace {

// "manifest list sha256:…" or "manifest sha256:…": what an output's root is.
std::string RootText(const image::Descriptor& root) {
  return fmt::format("{} {}", image::media_type::IsIndex(root.media_type) ? "manifest list" : "manifest",
                     root.digest.str());
}

std::string DestText(const std::string& dest) { return dest == "-" ? std::string("stdout") : dest; }

// Stores the build's result under the output's names (normalized; none = one unnamed image,
// or PREFIX@DIGEST with dangling-name-prefix); name-canonical adds NAME@DIGEST beside each.
util::Result<std::vector<std::string>> LoadImages(const BuildRequest& request, const image::Descriptor& root,
                                                  const ImageOutput& output) {
  exporter::ImageStore images(request.root);
  std::vector<std::string> names = output.names;
  bool canonical = output.name_canonical;
  if (names.empty() && !output.dangling_prefix.empty()) {
    names.push_back(output.dangling_prefix + "@" + root.digest.str());
    canonical = false;
  }
  std::vector<std::string> loaded;
  if (names.empty()) MANIFOLD_CHECK(images.Put("", root));
  for (const auto& name : names) {
    auto ref = MANIFOLD_TRY(registry::ParseReference(name));
    std::vector<std::string> stored = {ref.String()};
    if (canonical && !ref.digest) {
      ref.digest = root.digest;
      stored.push_back(ref.String());
    }
    for (const auto& n : stored) {
      MANIFOLD_CHECK(images.Put(n, root));
      loaded.push_back(n);
    }
  }
  return loaded;
}

util::Status Push(const content::Store& store, const exporter::AssembledImages& images, const ImageOutput& output,
                  const std::vector<exporter::Referrer>& referrers, registry::RegistryHosts& hosts,
                  progress::Sink& progress, const std::map<std::string, std::string>& mount_sources,
                  std::vector<std::string>* pushed) {
  std::vector<std::string> repositories = output.names;
  if (output.names.empty() && !output.dangling_prefix.empty()) {
    // BuildKit names such an image PREFIX@DIGEST: it goes to PREFIX's repository by digest.
    repositories = {output.dangling_prefix};
    MANIFOLD_CHECK(exporter::PushImagesByDigest(store, images, repositories, hosts, progress, mount_sources));
    pushed->push_back(output.dangling_prefix + "@" + images.root.digest.str());
  } else if (output.by_digest) {
    MANIFOLD_CHECK(exporter::PushImagesByDigest(store, images, output.names, hosts, progress, mount_sources));
    pushed->insert(pushed->end(), output.names.begin(), output.names.end());
  } else {
    MANIFOLD_CHECK(exporter::PushImages(store, images, output.names, hosts, progress, mount_sources));
    pushed->insert(pushed->end(), output.names.begin(), output.names.end());
  }
  if (!referrers.empty()) MANIFOLD_CHECK(exporter::PushReferrers(store, referrers, repositories, hosts, progress));
  return {};
}

// An output's images as it delivers them: its annotations placed first (they change the
// manifests' digests), then, for pushes and OCI archives, the build's attestations about
// those manifests, in the output's form (BuildKit's index, or OCI referrers).
struct OutputImages {
  exporter::AssembledImages images;
  std::vector<exporter::Referrer> referrers;
};

util::Result<OutputImages> ImagesFor(const ImageOutput& output, const content::Store& store,
                                     const exporter::AssembledImages& images, const exporter::Attestations& attestations) {
  OutputImages out{MANIFOLD_TRY(exporter::ApplyAnnotations(store, images, output.annotations)), {}};
  bool takes = output.kind == ImageOutput::Kind::kPush || output.kind == ImageOutput::Kind::kOciArchive;
  if (!takes || attestations.empty()) return out;
  auto style = output.spec != nullptr ? output.spec->attestations : exporter::AttestationStyle::kIndex;
  if (style == exporter::AttestationStyle::kIndex) {
    out.images = MANIFOLD_TRY(exporter::WithAttestationManifests(store, out.images, attestations));
  } else {
    out.referrers = MANIFOLD_TRY(exporter::WriteReferrerManifests(store, out.images, attestations));
  }
  return out;
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
      format.force_compression = out.force_compression;
      // Docker's schema has no annotations: annotating switches to OCI types, as BuildKit does.
      if (!out.oci_mediatypes && out.annotations.empty() && request.annotations.empty()) {
        format.family = image::MediaTypes::kDocker;
      }
      break;
    }
  }
  return format;
}

bool NeedsBlobsLocally(const BuildRequest& request) {
  if (request.load) return true;
  for (const auto& out : request.outputs) {
    if (out.type == exporter::OutputType::kOci || out.type == exporter::OutputType::kDocker ||
        (out.type == exporter::OutputType::kImage && out.store.value_or(!out.push)) ||
        (out.type == exporter::OutputType::kRegistry && out.store.value_or(false))) {
      return true;
    }
  }
  return false;
}

namespace {

// Says when the archive went on after the blob a COPY step wrote into it (content::LayoutTarHead).
void LogContinued(progress::Activity& activity, const content::LayoutTarHead* head) {
  if (head == nullptr || !head->continued()) return;
  if (auto held = head->held()) {
    activity.Log(fmt::format("{} was written into the archive while copying", held->digest.str()));
  }
}

}  // namespace

std::unique_ptr<content::LayoutTarHead> BeginArchiveOutput(const BuildRequest& request) {
  for (const auto& out : request.outputs) {
    bool archive = (out.type == exporter::OutputType::kOci && out.tar) || out.type == exporter::OutputType::kDocker;
    if (!archive || out.dest.empty() || out.dest == "-") continue;
    auto head = content::LayoutTarHead::Create(out.dest, request.source_date_epoch.value_or(0));
    return head ? std::move(*head) : nullptr;
  }
  return nullptr;
}

util::Result<Delivered> DeliverOutputs(const BuildRequest& request, const content::Store& store,
                                       const exporter::AssembledImages& images, registry::RegistryHosts& hosts,
                                       progress::Sink& progress, const std::map<std::string, std::string>& mount_sources,
                                       const FilesSource& files, const exporter::Attestations& attestations,
                                       content::LayoutTarHead* archive_head) {
  const std::vector<ImageOutput> outputs = ImageOutputs(request);
  // Annotations go on before attestations (which would make one platform an index): index
  // annotations need an index of platforms.
  MANIFOLD_CHECK(CheckAnnotationPlaces(outputs, request, image::media_type::IsIndex(images.root.media_type)));
  // Every output's images first: an annotation that cannot be placed fails with nothing written.
  std::vector<OutputImages> annotated;
  for (const auto& output : outputs) annotated.push_back(MANIFOLD_TRY(ImagesFor(output, store, images, attestations)));
  Delivered delivered;
  // Outputs with different annotations have different roots: the metadata reports the first
  // push's (what CI reads back from the registry), else the first output's.
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (outputs[i].kind == ImageOutput::Kind::kPush) {
      delivered.root = annotated[i].images.root;
      break;
    }
  }
  if (!delivered.root && !annotated.empty()) delivered.root = annotated.front().images.root;
  // The head goes to the output it was begun for, once.
  auto head_for = [&archive_head](const exporter::OutputSpec& spec) {
    bool mine = archive_head != nullptr && std::filesystem::path(spec.dest) == archive_head->destination();
    return mine ? std::exchange(archive_head, nullptr) : nullptr;
  };
  for (size_t i = 0; i < outputs.size(); ++i) {
    const ImageOutput& output = outputs[i];
    // BuildKit's vertices for these outputs: "exporting to oci image format" / "exporting to
    // docker image format", the root written, then "sending tarball".
    if (output.kind == ImageOutput::Kind::kOciArchive) {
      std::vector<image::Descriptor> referrers;
      for (const auto& r : annotated[i].referrers) referrers.push_back(r.manifest);
      progress::Activity activity(progress, "export:oci:" + output.spec->raw, "exporting to oci image format");
      activity.Log("exporting " + RootText(annotated[i].images.root));
      activity.Log(fmt::format("{} {}", output.spec->tar ? "sending tarball to" : "writing OCI layout to",
                               DestText(output.spec->dest)));
      content::LayoutTarHead* head = head_for(*output.spec);
      util::Status st = exporter::DeliverOci(store, annotated[i].images, *output.spec, request.source_date_epoch,
                                             output.names, referrers, &activity, head);
      if (st) LogContinued(activity, head);
      MANIFOLD_CHECK(activity.Finish(std::move(st)));
    } else if (output.kind == ImageOutput::Kind::kDockerArchive) {
      progress::Activity activity(progress, "export:docker:" + output.spec->raw, "exporting to docker image format");
      activity.Log("exporting " + RootText(annotated[i].images.root));
      activity.Log("sending tarball to " + DestText(output.spec->dest));
      content::LayoutTarHead* head = head_for(*output.spec);
      util::Status st = exporter::DeliverDocker(store, annotated[i].images, *output.spec, output.names,
                                                request.source_date_epoch, &activity, head);
      if (st) LogContinued(activity, head);
      MANIFOLD_CHECK(activity.Finish(std::move(st)));
    } else {
      continue;
    }
    for (const auto& name : output.names) {
      if (auto ref = registry::ParseReference(name)) delivered.archived.push_back(ref->String());
    }
  }
  for (const auto& out : request.outputs) {
    if (out.type == exporter::OutputType::kLocal || out.type == exporter::OutputType::kTar) {
      if (files.snapshotter == nullptr) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "--output {}: the filesystems of platforms built on remote nodes stay there; use "
                          "type=oci (or --push) with a multi-node builder, or build with --builder default",
                          out.raw);
      }
      // BuildKit's local exporter: "exporting to client directory" / "… tarball", "copying files".
      bool tar = out.type == exporter::OutputType::kTar;
      progress::Activity activity(progress, "export:files:" + out.raw,
                                  tar ? "exporting to client tarball" : "exporting to client directory");
      activity.Log(fmt::format("{} {}", tar ? "sending tarball to" : "copying files to", DestText(out.dest)));
      MANIFOLD_CHECK(activity.Finish(
          exporter::DeliverFiles(*files.snapshotter, files.files, out, request.source_date_epoch)));
    }
  }
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (outputs[i].kind != ImageOutput::Kind::kPush) continue;
    MANIFOLD_CHECK(Push(store, annotated[i].images, outputs[i], annotated[i].referrers, hosts, progress, mount_sources,
                        &delivered.pushed));
  }
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (outputs[i].kind != ImageOutput::Kind::kStore) continue;
    progress::Activity activity(progress, fmt::format("export:store:{}", i), "exporting to image");
    activity.Log("exporting " + RootText(annotated[i].images.root));
    // The image store's names outlive this process: what they name must be on disk first.
    util::Result<std::vector<std::string>> stored = std::vector<std::string>();
    if (auto synced = store.SyncPending(); !synced) {
      stored = std::unexpected(std::move(synced.error()));
    } else {
      stored = LoadImages(request, annotated[i].images.root, outputs[i]);
    }
    if (stored) {
      for (const auto& name : *stored) activity.Log("naming to " + name);
    }
    if (!activity.Finish(stored)) return std::unexpected(std::move(stored.error()));
    delivered.loaded.insert(delivered.loaded.end(), stored->begin(), stored->end());
  }
  std::optional<EngineTarget> engine;  // found and pinged once, at the first Engine output
  EngineDelivery to_engine;
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (outputs[i].kind != ImageOutput::Kind::kEngine) continue;
    if (!engine) engine = ReachEngine(registry::DockerEnvironment::FromProcess());
    if (!engine->engine) {  // nothing sent: DeliverToEngine only notes (or refuses) it
      MANIFOLD_CHECK(DeliverToEngine(outputs[i], request, store, annotated[i].images, *engine, &to_engine));
      continue;
    }
    progress::Activity activity(progress, fmt::format("export:engine:{}", i), "exporting to docker image format");
    activity.Log("sending tarball to the Docker Engine");
    auto sent = DeliverToEngine(outputs[i], request, store, annotated[i].images, *engine, &to_engine);
    if (sent && !to_engine.notes.empty()) activity.Log(to_engine.notes.back());
    MANIFOLD_CHECK(activity.Finish(std::move(sent)));
  }
  delivered.engine_loaded = std::move(to_engine.names);
  delivered.notes = std::move(to_engine.notes);
  return delivered;
}

}  // namespace manifold::builder
