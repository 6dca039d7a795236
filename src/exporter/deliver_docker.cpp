// DeliverDocker: an OCI layout tar with docker's manifest.json beside it.
#include "exporter/deliver_docker.hpp"

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "content/oci_layout.hpp"
#include "exporter/layout_names.hpp"
#include "registry/reference.hpp"

namespace manifold::exporter {

namespace {

// index.json's named roots and manifest.json, the two ways loaders find the image.
util::Result<std::pair<std::vector<image::Descriptor>, content::LayoutWriteOptions>> ArchiveOf(
    const AssembledImages& images, const std::vector<std::string>& names, std::optional<int64_t> source_date_epoch,
    std::string_view what) {
  if (images.platforms.size() != 1) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "{}: a docker archive holds one platform, not {}; use type=oci for several", what,
                      images.platforms.size());
  }
  const PlatformImage& image = images.platforms.front();
  nlohmann::json repo_tags = nlohmann::json::array();
  for (const auto& name : names) {
    auto ref = registry::ParseReference(name);
    if (!ref) return std::unexpected(std::move(ref.error()).Context("{}", what));
    // docker load takes RepoTags in docker's short form ("app:latest"); a pinned name has no tag to give.
    if (!ref->digest) repo_tags.push_back(ref->Familiar());
  }
  auto roots = NamedRoots(images.root, names, source_date_epoch);
  if (!roots) return std::unexpected(std::move(roots.error()).Context("{}", what));
  auto blob_path = [](const image::Descriptor& d) { return "blobs/sha256/" + std::string(d.digest.hex()); };
  nlohmann::json entry = {{"Config", blob_path(image.config)}, {"RepoTags", repo_tags}, {"Layers", nlohmann::json::array()}};
  for (const auto& layer : image.layers) entry["Layers"].push_back(blob_path(layer));

  content::LayoutWriteOptions options;
  options.source_date_epoch = source_date_epoch;
  options.extra_files.emplace_back("manifest.json", nlohmann::json::array({entry}).dump() + "\n");
  return std::pair{std::move(*roots), std::move(options)};
}

}  // namespace

util::Status WriteDockerArchive(const content::Store& store, const AssembledImages& images,
                                const std::vector<std::string>& names, std::optional<int64_t> source_date_epoch,
                                int fd, std::string_view what) {
  auto [roots, options] = MANIFOLD_TRY(ArchiveOf(images, names, source_date_epoch, what));
  return content::WriteLayoutTar(store, roots, fd, options);
}

util::Status DeliverDocker(const content::Store& store, const AssembledImages& images, const OutputSpec& spec,
                           const std::vector<std::string>& names, std::optional<int64_t> source_date_epoch,
                           progress::Activity* progress, content::LayoutTarHead* head) {
  std::string what = "--output " + spec.raw;
  auto [roots, options] = MANIFOLD_TRY(ArchiveOf(images, names, source_date_epoch, what));
  options.head = head;
  if (progress != nullptr) {
    options.progress = [progress](int64_t done, int64_t total) { progress->Bytes("sending tarball", done, total); };
  }
  util::Status status = spec.dest == "-" ? content::WriteLayoutTar(store, roots, STDOUT_FILENO, options)
                                         : content::WriteLayoutTarFile(store, roots, spec.dest, options);
  if (!status) return std::unexpected(std::move(status.error()).Context("writing --output {}", spec.raw));
  return {};
}

}  // namespace manifold::exporter
