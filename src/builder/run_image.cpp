// RunImage: name → root descriptor → platform's manifest → snapshot → one process.
#include "builder/run_image.hpp"

#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "cache/build_scratch.hpp"
#include "cache/gc_lock.hpp"
#include "cache/layer_unpacker.hpp"
#include "content/oci_layout.hpp"
#include "content/store.hpp"
#include "exporter/image_store.hpp"
#include "image/config.hpp"
#include "image/platform_parse.hpp"
#include "registry/hosts.hpp"
#include "registry/pull.hpp"
#include "registry/reference.hpp"
#include "snapshot/snapshotter.hpp"
#include "util/scope_exit.hpp"
#include "worker/image_source.hpp"
#include "worker/leftovers.hpp"
#include "worker/run_image.hpp"
#include "worker/runnable.hpp"

namespace manifold::builder {
namespace {

constexpr std::string_view kArchivePrefix = "oci-archive:";

// The image's manifest for the platform, wherever the name points; `identifier` is what the
// unpacker is handed (a reference pinned to the manifest digest).
struct Located {
  registry::ResolvedImage image;
  std::string identifier;
};

util::Result<Located> Locate(const RunRequest& request, const image::Platform& platform, const content::Store& store,
                             registry::RegistryHosts& hosts) {
  if (request.image.starts_with(kArchivePrefix)) {
    std::string path = request.image.substr(kArchivePrefix.size());
    auto layout = content::ReadLayout(store, path);
    if (!layout) return std::unexpected(std::move(layout.error()).Context("reading {}", path));
    if (layout->manifests.empty()) return util::Fail(util::ErrorKind::kNotFound, "{} holds no image", path);
    const auto& root = layout->manifests.front();
    auto image = MANIFOLD_TRY(registry::ResolveImage(registry::StoredImageSource(store, root, path), root.digest.str(),
                                                     platform, store));
    // Every blob is in the store now: the unpacker never asks a registry for this name.
    std::string identifier = "localhost/oci-archive@" + image.manifest.digest.str();
    return Located{std::move(image), identifier};
  }
  auto ref = MANIFOLD_TRY(registry::ParseReference(request.image));
  exporter::ImageStore images(request.root);
  std::optional<exporter::StoredImage> stored;
  if (!request.pull && !ref.digest) stored = MANIFOLD_TRY(images.Get(ref.String()));
  registry::ResolvedImage image;
  if (stored) {
    image = MANIFOLD_TRY(registry::ResolveImage(registry::StoredImageSource(store, stored->root, ref.String()),
                                                stored->root.digest.str(), platform, store));
  } else {
    auto resolved = registry::ResolveImage(hosts.RepositoryFor(ref.domain, ref.path), ref.TagOrDigest(), platform, store);
    if (!resolved) {
      return std::unexpected(std::move(resolved.error())
                                 .Context("{} is not in manifold's image store (manifold images), so it was looked up "
                                          "in its registry",
                                          ref.Familiar()));
    }
    image = std::move(*resolved);
  }
  registry::Reference pinned = ref;
  pinned.digest = image.manifest.digest;
  return Located{std::move(image), pinned.String()};
}

// docker run's rules: --entrypoint replaces ENTRYPOINT and drops the image's CMD; a command
// replaces CMD; env: the image's, then -e (NAME alone takes our environment's value).
worker::ProcessOptions ProcessFor(const RunRequest& request, const image::ImageConfig& config) {
  worker::ProcessOptions p;
  const auto& c = config.config;
  std::vector<std::string> entrypoint = c.entrypoint;
  std::vector<std::string> cmd = c.cmd;
  if (request.entrypoint) {
    entrypoint = request.entrypoint->empty() ? std::vector<std::string>{} : std::vector<std::string>{*request.entrypoint};
    cmd.clear();
  }
  if (!request.command.empty()) cmd = request.command;
  p.args = entrypoint;
  p.args.insert(p.args.end(), cmd.begin(), cmd.end());
  p.env = c.env;
  for (const auto& e : request.env) {
    std::string entry = e;
    if (e.find('=') == std::string::npos) {
      const char* value = std::getenv(e.c_str());
      if (value == nullptr) continue;
      entry = e + "=" + value;
    }
    std::string name = entry.substr(0, entry.find('=') + 1);
    std::erase_if(p.env, [&](const std::string& v) { return v.starts_with(name); });
    p.env.push_back(entry);
  }
  p.cwd = !request.workdir.empty() ? request.workdir : c.working_dir.empty() ? "/" : c.working_dir;
  p.user = !request.user.empty() ? request.user : c.user;
  p.interactive = request.interactive;
  p.tty = request.tty;
  p.host_network = !request.network_none;
  return p;
}

}  // namespace

util::Result<int> RunImage(const RunRequest& request, progress::Sink& progress) {
  image::Platform platform = request.platform.value_or(image::HostPlatform());
  MANIFOLD_CHECK(worker::CheckRunnablePlatforms({platform}, "Processes"));
  auto store = MANIFOLD_TRY(content::Store::Open(request.root));
  auto hosts = MANIFOLD_TRY(registry::RegistryHosts::Load(request.root, request.credentials));
  auto located = MANIFOLD_TRY(Locate(request, platform, store, *hosts));
  auto config = image::ParseConfig(located.image.config_bytes);
  if (!config) return std::unexpected(std::move(config.error()).Context("reading the config of {}", request.image));
  worker::ProcessOptions process = ProcessFor(request, *config);
  if (process.args.empty()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} has no ENTRYPOINT or CMD: give a command to run",
                      request.image);
  }

  // The image's layers are unpacked into (or found in) the cache's diff store, as builds do.
  auto meta = MANIFOLD_TRY(cache::MetaStore::Open(request.root));
  auto gc_lock = MANIFOLD_TRY(worker::LockRootForBuild(request.root, *meta));
  auto scratch_lease = MANIFOLD_TRY(cache::BuildScratch::Create(request.root, "run"));
  const std::filesystem::path scratch = scratch_lease.dir();
  cache::LayerUnpacker layers(*meta, store);
  auto snapshotter = MANIFOLD_TRY(snapshot::Snapshotter::Open(
      {.scratch = scratch, .remove_on_close = true, .diffs = meta->diffs_dir(), .layers = &layers, .kind = {},
       .probe_memo = request.root / "snapshots" / "overlay-works"}));
  util::ScopeExit drop_unkept([&] { meta->RemoveUnkept(snapshotter->CreatedDiffDirs()); });
  worker::ImageUnpacker unpacker(store, hosts);
  graph::SourceOp source;
  source.kind = graph::SourceOp::Kind::kImage;
  source.identifier = located.identifier;
  source.platform = platform;
  std::stop_source never;
  worker::ExecuteContext context(&progress, "run", "[internal] load " + request.image, {image::Format(platform)},
                                 never.get_token());
  auto snapshot = MANIFOLD_TRY(unpacker.Unpack(source, context));
  return worker::RunProcessInImage(snapshot, *snapshotter, scratch / worker::kExecStateDir, process);
}

}  // namespace manifold::builder
