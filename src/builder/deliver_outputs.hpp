// Delivering an assembled build to the outputs a request names: archives, pushes, loads.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "builder/build_request.hpp"
#include "exporter/attestation_manifests.hpp"
#include "content/compress.hpp"
#include "content/store.hpp"
#include "exporter/deliver.hpp"
#include "exporter/image_assembly.hpp"
#include "image/media_types.hpp"
#include "progress/sink.hpp"
#include "registry/hosts.hpp"
#include "snapshot/snapshotter.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// The build's images with attestations attached, in each form some output asked for
/// (builder/attestations.hpp makes them).
struct AttachedImages {
  std::optional<exporter::AssembledImages> indexed;  ///< root = an index with attestation manifests
  std::vector<exporter::Referrer> referrers;         ///< for attestations=referrers outputs
};

/// Where the images went.
struct Delivered {
  std::vector<std::string> pushed;  ///< names pushed to, as given
  std::vector<std::string> loaded;  ///< names stored in manifold's image store (normalized)
};

/// The filesystems the type=local/type=tar outputs write; `snapshotter` nullptr when the
/// build's filesystems are not on this machine (a multi-node build).
struct FilesSource {
  snapshot::Snapshotter* snapshotter = nullptr;
  std::vector<exporter::PlatformFiles> files = {};
};

/// Delivers `images` (in `store`) to every output of `request`, in the order: archives and
/// directories, pushes (tags last, so a failed push can be retried), loads. Outputs that take
/// attestations (attestations.hpp) deliver `attached`'s form of the images instead: the
/// indexed root, or `images` plus the referrers; loads and docker archives never.
util::Result<Delivered> DeliverOutputs(const BuildRequest& request, const content::Store& store,
                                       const exporter::AssembledImages& images, registry::RegistryHosts& hosts,
                                       progress::Sink& progress, const std::map<std::string, std::string>& mount_sources,
                                       const FilesSource& files, const AttachedImages& attached = {});

/// The registry names each pushing output delivers to (-t names when the output has none).
std::vector<std::vector<std::string>> PushTargets(const BuildRequest& request);

/// How the build's images are written: the first image-producing output's compression and media
/// types (OCI unless it says oci-mediatypes=false); defaults when there is none.
struct ImageFormat {
  content::CompressorOptions compression = {};
  image::MediaTypes family = image::MediaTypes::kOci;
};
ImageFormat ImageFormatOf(const BuildRequest& request);

/// True when an output needs every blob on this machine (archives and loads; pushes do not).
bool NeedsBlobsLocally(const BuildRequest& request);

}  // namespace manifold::builder
