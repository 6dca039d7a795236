// One build: Dockerfile + context → lowered graphs → solved snapshots → images → outputs.
#include "builder/build.hpp"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>

#include <fmt/format.h>

#include "builder/attestations.hpp"
#include "builder/sbom_scan.hpp"
#include "builder/base_images.hpp"
#include "builder/engine_delivery.hpp"
#include "builder/cache_transfer.hpp"
#include "cache/build_scratch.hpp"
#include "cache/gc_lock.hpp"
#include "cache/layer_unpacker.hpp"
#include "cache/meta_store.hpp"
#include "builder/checks.hpp"
#include "builder/context.hpp"
#include "builder/deliver_outputs.hpp"
#include "builder/image_outputs.hpp"
#include "content/store.hpp"
#include "exporter/deliver.hpp"
#include "exporter/deliver_docker.hpp"
#include "exporter/image_assembly.hpp"
#include "exporter/image_store.hpp"
#include "exporter/layers.hpp"
#include "exporter/push.hpp"
#include "frontend/dockerfile/lower.hpp"
#include "frontend/dockerfile/parser.hpp"
#include "image/platform_parse.hpp"
#include "registry/hosts.hpp"
#include "registry/http.hpp"
#include "registry/reference.hpp"
#include "session/secrets.hpp"
#include "solver/solver.hpp"
#include "util/scope_exit.hpp"
#include "worker/context_checksum.hpp"
#include "worker/leftovers.hpp"
#include "worker/result_cache.hpp"
#include "worker/local_worker.hpp"
#include "worker/runnable.hpp"

namespace manifold::builder {

namespace {

util::Status CheckOutputs(const BuildRequest& request) {
  MANIFOLD_CHECK(CheckOutputOptions(request));
  for (const auto& out : request.outputs) {
    if (out.type == exporter::OutputType::kDocker && !out.dest.empty() && request.platforms.size() > 1) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "--output {}: a docker archive holds one platform, and {} were asked for; use type=oci "
                        "for a multi-platform archive, or one --platform",
                        out.raw, request.platforms.size());
    }
    if ((out.type == exporter::OutputType::kRegistry || (out.type == exporter::OutputType::kImage && out.push)) &&
        out.names.empty() && request.tags.empty() && out.dangling_name_prefix.empty()) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "--output {}: no image name to push to; add name=REGISTRY/REPO:TAG or -t REGISTRY/REPO:TAG",
                        out.raw);
    }
  }
  if (request.push && request.tags.empty()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "--push needs at least one -t REGISTRY/REPO:TAG to push to");
  }
  // A node building its share delivers nothing itself: the client loads into its own Engine.
  if (!request.platform_share) MANIFOLD_CHECK(CheckEngineOutputs(request));
  return {};
}

// `registry.insecure=true` on an output: its registries speak plain HTTP.
void MarkInsecureOutputs(const BuildRequest& request, registry::RegistryHosts& hosts) {
  for (const auto& out : request.outputs) {
    if (!out.registry_insecure) continue;
    for (const auto& name : out.names.empty() ? request.tags : out.names) {
      if (auto ref = registry::ParseReference(name)) hosts.MarkInsecure(ref->domain);
    }
  }
}

// --no-cache: no step looks; --no-cache-filter: the steps of those stages ("[NAME i/n] …").
std::function<bool(const graph::Vertex&)> IgnoreCache(const BuildRequest& request) {
  if (request.no_cache) return [](const graph::Vertex&) { return true; };
  if (request.no_cache_filter.empty()) return {};
  return [stages = request.no_cache_filter](const graph::Vertex& vertex) {
    const std::string& name = vertex.name();
    if (name.empty() || name.front() != '[') return false;
    std::string stage = name.substr(1, name.find_first_of(" ]") - 1);
    return std::find(stages.begin(), stages.end(), stage) != stages.end();
  };
}

// --cache-to type=inline: the records of the image's own steps go into its config.
util::Status AddInlineCache(const solver::Target& target, const solver::Solution& solution,
                            exporter::LayerMaker& layers, exporter::PlatformImageInput& image) {
  auto records = MANIFOLD_TRY(ExportedRecords({target}, solution, layers, /*mode_max=*/false));
  std::vector<image::Descriptor> image_layers;
  for (const auto& layer : MANIFOLD_TRY(layers.Layers(image.root))) {
    if (layer) image_layers.push_back(layer->descriptor);
  }
  image.config.extra[std::string(cache::kInlineCacheField)] = cache::InlineCacheField(records, image_layers);
  return {};
}

}  // namespace

util::Result<LoweredBuild> ReadAndLower(const BuildRequest& request, BaseImages& base_images) {
  auto input = MANIFOLD_TRY(ReadBuildInput(request));
  auto parsed = frontend::dockerfile::Parse(input.dockerfile, input.dockerfile_name, request.cancel);
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  LoweredBuild lowered;
  lowered.checks = MANIFOLD_TRY(EffectiveCheckOptions(parsed->checks, request.build_args, request.checks));
  frontend::dockerfile::LowerOptions lower;
  lower.targets = request.platforms;
  lower.build_platform = image::HostPlatform();
  lower.build_args = request.build_args;
  lower.target_stage = request.target;
  lower.labels = request.labels;
  lower.source_date_epoch = request.source_date_epoch;
  lower.file_name = input.dockerfile_name;
  lower.context_excludes = input.ignore_patterns;
  lower.run_env = request.run_env;
  auto store = MANIFOLD_TRY(content::Store::Open(request.root));
  const NamedContexts named = MANIFOLD_TRY(ReadNamedContexts(request.build_contexts, store));
  lower.named_contexts = named.lowered;
  lower.context_key = [](std::string_view name) -> std::optional<std::string> {
    auto key = NamedContextKey(name);
    return key ? std::optional(*key) : std::nullopt;
  };
  lower.resolve_image = NamedContextResolver(named, store, base_images.Resolver());
  lower.cancel = request.cancel;
  auto builds = frontend::dockerfile::Lower(*parsed, lower);
  if (!builds) return std::unexpected(std::move(builds.error()));
  lowered.platforms = std::move(*builds);
  lowered.context_dir = input.context_dir;
  lowered.excluded = input.excluded;
  lowered.walk_excluded = input.walk_excluded;
  lowered.dockerfile_name = input.dockerfile_name;
  lowered.dockerfile_digest = image::Digest::OfBytes(input.dockerfile).str();
  lowered.named_dirs = named.dirs;
  return lowered;
}

util::Result<BuildResult> Build(const BuildRequest& request, progress::Sink& progress) {
  const auto started = std::chrono::system_clock::now();
  MANIFOLD_CHECK(CheckOutputs(request));
  auto secrets = request.secret_values ? session::SecretStore::FromValues(*request.secret_values)
                                       : MANIFOLD_TRY(session::SecretStore::FromFlags(request.secrets));
  auto ssh_agents = MANIFOLD_TRY(session::SshAgents::FromFlags(request.ssh));
  auto store = MANIFOLD_TRY(content::Store::Open(request.root));
  auto hosts = MANIFOLD_TRY(registry::RegistryHosts::Load(request.root, request.credentials));
  MarkInsecureOutputs(request, *hosts);
  exporter::ImageStore local_images(request.root);
  BaseImages base_images(hosts, store, progress, request.pull ? nullptr : &local_images);
  const LoweredBuild lowered = request.lowered ? *request.lowered : MANIFOLD_TRY(ReadAndLower(request, base_images));
  const auto& builds = lowered.platforms;
  const auto& checks = lowered.checks;

  auto meta = MANIFOLD_TRY(cache::MetaStore::Open(request.root));
  // What killed builds left goes first; this build's scratch dir is locked while it runs.
  auto gc_lock = MANIFOLD_TRY(worker::LockRootForBuild(request.root, *meta));
  cache::LayerUnpacker unpacker(*meta, store);
  auto scratch_lease = MANIFOLD_TRY(cache::BuildScratch::Create(request.root, "build"));
  const std::filesystem::path scratch = scratch_lease.dir();
  auto snapshotter = MANIFOLD_TRY(snapshot::Snapshotter::Open(
      {.scratch = scratch, .remove_on_close = true, .diffs = meta->diffs_dir(), .layers = &unpacker, .kind = {},
       .probe_memo = request.root / "snapshots" / "overlay-works"}));
  // Runs first on the way out: the layers this build made and the cache did not keep go.
  util::ScopeExit drop_unkept([&] { meta->RemoveUnkept(snapshotter->CreatedDiffDirs()); });
  worker::ImageUnpacker images_unpacker(store, hosts);
  worker::ContextChecksums checksums(meta.get());
  worker::LocalWorkerOptions worker_options;
  worker_options.snapshotter = snapshotter.get();
  worker_options.images = &images_unpacker;
  registry::HttpClient downloads;
  worker_options.http = &downloads;
  worker_options.exec_state = scratch / worker::kExecStateDir;
  worker_options.cache_mounts = request.root / "cache" / "mounts";
  worker_options.secrets = &secrets;
  worker_options.ssh = &ssh_agents;
  worker_options.locals["context"] = worker::LocalDir{lowered.context_dir, lowered.excluded, lowered.walk_excluded};
  for (const auto& [name, dir] : lowered.named_dirs) {
    worker_options.locals[name] = worker::LocalDir{dir.dir, dir.excluded, dir.walk_excluded};
  }
  worker_options.checksums = &checksums;
  // One compression setting for the layers of this build: the first image output's. A COPY
  // into an empty layer is written as its blob with it straight away (worker/direct_layer.hpp).
  const ImageFormat format = ImageFormatOf(request);
  worker_options.store = &store;
  worker_options.layer_settings = worker::LayerSettings{format.compression, request.source_date_epoch};
  worker::LocalWorker worker(std::move(worker_options));

  {
    std::vector<graph::VertexRef> roots;
    for (const auto& b : builds) roots.push_back(b.root);
    MANIFOLD_CHECK(worker::CheckRunnable(roots));
  }
  std::vector<solver::Target> targets;
  for (const auto& b : builds) targets.push_back({image::Format(b.platform), b.root});
  ImportCaches(request.cache_from, *meta, store, *hosts, progress);
  worker::ResultCache results(*meta, store);
  results.SetLayerClamp(request.source_date_epoch);
  auto solution = solver::Solve(targets, worker,
                                {.jobs = request.jobs,
                                 .progress = &progress,
                                 .cancel = request.cancel,
                                 .cache = &results,
                                 .ignore_cache = IgnoreCache(request)});
  MANIFOLD_CHECK(checksums.FlushAndRelease());
  if (!solution) return std::unexpected(std::move(solution.error()));
  // What the solve freed (copy bookkeeping, checksums, step threads' arenas) goes back to the
  // system before the export's compressors allocate theirs: the peak is the export's alone.
  ::malloc_trim(0);

  std::vector<exporter::PlatformImageInput> images;
  std::vector<exporter::PlatformFiles> files;
  for (const auto& b : builds) {
    snapshot::SnapshotRef root;
    if (auto out = solution->Output(b.root)) {
      const auto* snap = dynamic_cast<const worker::SnapshotOutput*>(out.get());
      if (snap == nullptr) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "the target stage of {} is not a filesystem",
                          image::Format(b.platform));
      }
      root = snap->snapshot();
    }
    images.push_back({b.platform, root, b.config});
    files.push_back({b.platform, root});
  }

  // Before any layer is compressed or output written: with error=true a finding stops here.
  auto warnings = MANIFOLD_TRY(RunBuildChecks(images, checks, progress, meta.get()));

  exporter::LayerMaker layers(store, format.compression, request.source_date_epoch, meta.get());
  layers.SetForceCompression(format.force_compression);
  // Every layer is compressed here, under one vertex; what follows finds them made.
  MANIFOLD_CHECK(exporter::ExportLayers(layers, images, progress));
  if (std::any_of(request.cache_to.begin(), request.cache_to.end(),
                  [](const auto& spec) { return spec.type == cache::CacheSpec::Type::kInline; })) {
    for (size_t i = 0; i < images.size(); ++i) MANIFOLD_CHECK(AddInlineCache(targets[i], *solution, layers, images[i]));
  }
  auto assembled = exporter::AssembleImages(store, layers, images, format.family, &progress);
  if (!assembled) return std::unexpected(std::move(assembled.error()));

  BuildResult result;
  std::optional<image::Descriptor> delivered_root;
  if (request.platform_share) {
    // The client writes the index and delivers the other outputs; a share only pushes its
    // platforms, by digest, so that the index the client pushes finds them there.
    // Cache exports are the client's too: it merges every share's records into one.
    for (const auto& names : PushTargets(request)) {
      MANIFOLD_CHECK(exporter::PushPlatformImages(store, *assembled, names, *hosts, progress, base_images.Repositories()));
    }
    for (const auto& spec : request.cache_to) {
      result.cache_records.push_back(spec.type == cache::CacheSpec::Type::kInline
                                         ? std::vector<cache::PortableRecord>{}
                                         : MANIFOLD_TRY(ExportedRecords(targets, *solution, layers, spec.mode_max)));
    }
  } else {
    auto download_digest = [&](const graph::VertexRef& v) -> std::optional<std::string> {
      auto out = solution->Output(v);
      std::string key = out ? out->ContentKey() : "";
      // The http source's key is "<digest> <mtime>"; the git source's "sha1:<commit> …".
      if (!key.starts_with("sha256:") && !key.starts_with("sha1:")) return std::nullopt;
      return key.substr(0, key.find(' '));
    };
    // The SBOM is read from the final filesystems, for the outputs that carry attestations.
    std::vector<exporter::PlatformAttestations> sboms;
    if (request.attest.sbom && AnyOutputTakesAttestations(request)) {
      SbomScanOptions scan;
      scan.name = request.tags.empty() ? lowered.context_dir.filename().string() : request.tags.front();
      scan.source_date_epoch = request.source_date_epoch;
      scan.build_args = request.build_args;
      for (auto& sbom : MANIFOLD_TRY(ScanSboms(*snapshotter, images, scan, progress))) {
        sboms.push_back({sbom.platform, {{"https://spdx.dev/Document", std::move(sbom.document)}}});
      }
    }
    auto attestations = MANIFOLD_TRY(Attest(request, lowered, download_digest, started, sboms));
    auto delivered = MANIFOLD_TRY(DeliverOutputs(request, store, *assembled, *hosts, progress, base_images.Repositories(),
                                                 FilesSource{snapshotter.get(), files}, attestations.made.statements));
    result.provenance = std::move(attestations.made.provenance_max);
    result.pushed = std::move(delivered.pushed);
    result.loaded = std::move(delivered.loaded);
  result.engine_loaded = std::move(delivered.engine_loaded);
  result.notes = std::move(delivered.notes);
    result.archived = std::move(delivered.archived);
    delivered_root = delivered.root;
    MANIFOLD_CHECK(ExportCaches(request.cache_to, targets, *solution, layers, store, *hosts, progress));
  }

  result.root = delivered_root.value_or(assembled->root);
  result.warnings = std::move(warnings);
  for (const auto& p : assembled->platforms) {
    PlatformResult r;
    r.platform = p.platform;
    for (const auto& b : builds) {
      if (b.platform == p.platform) r.run_steps = CountRunSteps(b.root, *solution, image::HostPlatform());
    }
    r.manifest = p.manifest;
    r.config = p.config.digest;
    r.layers = p.layers.size();
    r.config_descriptor = p.config;
    r.layer_descriptors = p.layers;
    for (const auto& l : p.layers) r.layers_size += l.size;
    result.platforms.push_back(std::move(r));
  }
  return result;
}

}  // namespace manifold::builder
