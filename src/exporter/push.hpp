// Delivering a build's images to registries: `--push`, `type=registry`, `type=image,push=true`.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "content/store.hpp"
#include "exporter/image_assembly.hpp"
#include "progress/sink.hpp"
#include "registry/hosts.hpp"
#include "util/error.hpp"

namespace manifold::exporter {

/// Pushes `images` (in `store`) under every name in `names` ("host/repo:tag"; a name without a
/// tag gets "latest"). Names in one repository share one push of the blobs; a later repository
/// on the same registry mounts blobs from the first rather than uploading them again. Each
/// blob is HEADed first and sent only if missing, manifests follow their blobs, and the tags
/// are written last, so a failed push leaves no tag pointing at missing content and can be
/// run again. `mount_sources` (registry domain → repository path, e.g. the base images') are
/// where blobs are first asked to be mounted from on that registry. Progress goes to
/// `progress` as one "pushing" step per repository.
util::Status PushImages(const content::Store& store, const AssembledImages& images,
                        const std::vector<std::string>& names, registry::RegistryHosts& hosts,
                        progress::Sink& progress, const std::map<std::string, std::string>& mount_sources = {});

/// `-o type=image,push=true,push-by-digest=true`: pushes `images` under no tag, the root (index
/// or manifest) by digest into the repository of every name in `names` (a name's tag is not
/// used). Same order, retry and mount behaviour as PushImages.
util::Status PushImagesByDigest(const content::Store& store, const AssembledImages& images,
                                const std::vector<std::string>& names, registry::RegistryHosts& hosts,
                                progress::Sink& progress, const std::map<std::string, std::string>& mount_sources = {});

/// A node's share of a multi-node build: pushes each platform image of `images` by digest
/// (no tag, no index) to every repository in `names`; the client that writes the index tags
/// it once every node's platforms are there. Same retry and mount behaviour as PushImages.
util::Status PushPlatformImages(const content::Store& store, const AssembledImages& images,
                                const std::vector<std::string>& names, registry::RegistryHosts& hosts,
                                progress::Sink& progress, const std::map<std::string, std::string>& mount_sources = {});

}  // namespace manifold::exporter
