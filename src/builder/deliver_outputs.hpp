// Delivering an assembled build to the outputs a request names: archives, pushes, loads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "builder/build_request.hpp"
#include "exporter/attestation_manifests.hpp"
#include "content/compress.hpp"
#include "content/layout_tar_head.hpp"
#include "content/store.hpp"
#include "exporter/deliver.hpp"
#include "exporter/image_assembly.hpp"
#include "image/media_types.hpp"
#include "progress/sink.hpp"
#include "registry/hosts.hpp"
#include "snapshot/snapshotter.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// Where the images went.
struct Delivered {
  std::vector<std::string> pushed;  ///< names pushed to, as given (REPO@DIGEST for a dangling-name-prefix)
  std::vector<std::string> loaded;  ///< names stored in manifold's image store (normalized)
  std::vector<std::string> archived;  ///< names given to OCI/docker archives (normalized)
  std::vector<std::string> engine_loaded;  ///< names loaded into a Docker Engine (normalized)
  std::vector<std::string> notes;  ///< lines for the summary: what the Engine got, or why it got nothing
  /// The root the first push received, else the first image output's (annotations per output
  /// make roots differ from the assembled one); the metadata file reports it.
  std::optional<image::Descriptor> root;
};

/// The filesystems the type=local/type=tar outputs write; `snapshotter` nullptr when the
/// build's filesystems are not on this machine (a multi-node build).
struct FilesSource {
  snapshot::Snapshotter* snapshotter = nullptr;
  std::vector<exporter::PlatformFiles> files = {};
};

/// Delivers `images` (in `store`) to every output of `request`, in the order: archives and
/// directories, pushes (tags last, so a failed push can be retried), loads (manifold's store,
/// then the Docker Engine the docker CLI would use: engine_delivery.hpp). Each image output
/// gets its own annotations (image_outputs.hpp), all placed before anything is written; then
/// pushes and OCI archives get `attestations` about their (annotated) manifests, in the form
/// the output asks for (attestations=index: BuildKit's attestation manifests in the index;
/// referrers: OCI 1.1 referrers); loads and docker archives never.
/// `archive_head`: BeginArchiveOutput(request)'s head (not owned), or nullptr.
util::Result<Delivered> DeliverOutputs(const BuildRequest& request, const content::Store& store,
                                       const exporter::AssembledImages& images, registry::RegistryHosts& hosts,
                                       progress::Sink& progress, const std::map<std::string, std::string>& mount_sources,
                                       const FilesSource& files, const exporter::Attestations& attestations = {},
                                       content::LayoutTarHead* archive_head = nullptr);

/// The first output of `request` that writes an OCI or docker archive to a file, begun before
/// the solve (content::LayoutTarHead: the build's first direct COPY layer is written into it as
/// it is made, and DeliverOutputs() finishes it). nullptr when there is no such output, or when
/// its temporary file cannot be made (the export then reports why, as without a head).
std::unique_ptr<content::LayoutTarHead> BeginArchiveOutput(const BuildRequest& request);

/// The registry names each pushing output delivers to (-t names when the output has none).
std::vector<std::vector<std::string>> PushTargets(const BuildRequest& request);

/// How the build's images are written: the first image-producing output's compression and media
/// types (OCI unless it says oci-mediatypes=false); defaults when there is none.
struct ImageFormat {
  content::CompressorOptions compression = {};
  image::MediaTypes family = image::MediaTypes::kOci;
  bool force_compression = false;  ///< base-image layers recompressed into `compression` too
};
ImageFormat ImageFormatOf(const BuildRequest& request);

/// True when an output needs every blob on this machine (archives and loads; pushes do not).
bool NeedsBlobsLocally(const BuildRequest& request);

}  // namespace manifold::builder
