// Delivering a build's result to its outputs: OCI archive/dir, filesystem dir/tar.
#pragma once

#include <string>
#include <vector>

#include "content/layout_tar_head.hpp"
#include "content/store.hpp"
#include "exporter/image_assembly.hpp"
#include "exporter/output_spec.hpp"
#include "progress/activity.hpp"
#include "snapshot/snapshotter.hpp"
#include "util/error.hpp"

namespace manifold::exporter {

/// A platform's filesystem, for the filesystem outputs.
struct PlatformFiles {
  image::Platform platform;
  snapshot::SnapshotRef root;
};

/// Writes `images` (already in `store`) as an OCI layout to spec.dest: a tar (dest "-" is
/// stdout) or a directory (tar=false). index.json names the root as buildx does (one entry per
/// name of `names`, or of `name=` when `names` is empty; see NamedRoots). `referrers` (artifact
/// manifests whose subjects are in `images`) are listed in index.json after the root, untagged,
/// as oras and the image-layout spec's referrers guidance keep them. Atomic. With `progress`,
/// a tar reports its blobs' bytes as the status "sending tarball". `head`: the archive begun
/// for a tar's dest during the build (content::LayoutTarHead), or nullptr.
util::Status DeliverOci(const content::Store& store, const AssembledImages& images, const OutputSpec& spec,
                        std::optional<int64_t> source_date_epoch, const std::vector<std::string>& names = {},
                        const std::vector<image::Descriptor>& referrers = {}, progress::Activity* progress = nullptr,
                        content::LayoutTarHead* head = nullptr);

/// Writes each platform's filesystem to spec.dest: type=local a directory (one subfolder per
/// platform named like buildx, "linux_arm64", when there are several), type=tar one tar
/// (likewise one top folder per platform). Atomic: built beside dest, then renamed into place.
/// type=local keeps the image's owners as root; rootless (util::CurrentUserNamespace()), every
/// file belongs to the user who ran manifold, as buildx's client writes them. The tar keeps the
/// image's owners either way.
util::Status DeliverFiles(snapshot::Snapshotter& snapshotter, const std::vector<PlatformFiles>& files,
                          const OutputSpec& spec, std::optional<int64_t> source_date_epoch);

/// "linux_arm64", "linux_arm_v7": the folder buildx names a platform's files after.
std::string PlatformFolderName(const image::Platform& platform);

}  // namespace manifold::exporter
