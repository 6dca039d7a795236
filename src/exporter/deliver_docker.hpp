// Delivering a build as a `docker load` archive (`--output type=docker`).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/layout_tar_head.hpp"
#include "content/store.hpp"
#include "exporter/image_assembly.hpp"
#include "exporter/output_spec.hpp"
#include "progress/activity.hpp"
#include "util/error.hpp"

namespace manifold::exporter {

/// Writes the one platform of `images` as docker saves images since Docker 25: an OCI layout
/// (index.json naming the image) plus `manifest.json` (`Config`, `RepoTags`, `Layers` paths
/// into blobs/) that `docker load` and older loaders read. `names` (spec.names, else the -t
/// tags) become RepoTags in docker's short form. dest "-" is stdout; a file is written
/// atomically. kInvalidArgument when the build has several platforms (one image per archive).
/// With `progress`, the blobs' bytes as the status "sending tarball".
util::Status DeliverDocker(const content::Store& store, const AssembledImages& images, const OutputSpec& spec,
                           const std::vector<std::string>& names, std::optional<int64_t> source_date_epoch,
                           progress::Activity* progress = nullptr, content::LayoutTarHead* head = nullptr);

/// The archive DeliverDocker writes, streamed to `fd` (not owned; a pipe will do: written in
/// one pass). `images` must hold exactly one platform (kInvalidArgument otherwise; `what`
/// names the output in errors).
util::Status WriteDockerArchive(const content::Store& store, const AssembledImages& images,
                                const std::vector<std::string>& names, std::optional<int64_t> source_date_epoch,
                                int fd, std::string_view what);

}  // namespace manifold::exporter
