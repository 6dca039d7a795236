// BuildSet: read and lower every member, solve the members that share a layer format as one
// graph, then check, export and deliver each member as a lone build would.
#include "builder/build_set.hpp"

#include <malloc.h>

#include <algorithm>
#include <functional>
#include <future>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "builder/attestations.hpp"
#include "builder/base_images.hpp"
#include "builder/internal/build_set_inputs.hpp"
#include "builder/cache_transfer.hpp"
#include "builder/checks.hpp"
#include "builder/deliver_outputs.hpp"
#include "builder/engine_delivery.hpp"
#include "builder/image_outputs.hpp"
#include "builder/local_source_names.hpp"
#include "builder/member_progress.hpp"
#include "builder/sbom_scan.hpp"
#include "builder/step_times.hpp"
#include "cache/build_scratch.hpp"
#include "cache/layer_unpacker.hpp"
#include "cache/meta_store.hpp"
#include "content/store.hpp"
#include "exporter/image_assembly.hpp"
#include "exporter/image_store.hpp"
#include "exporter/layers.hpp"
#include "exporter/push.hpp"
#include "image/platform_parse.hpp"
#include "registry/hosts.hpp"
#include "registry/http.hpp"
#include "registry/reference.hpp"
#include "session/secrets.hpp"
#include "snapshot/snapshotter.hpp"
#include "solver/solver.hpp"
#include "util/scope_exit.hpp"
#include "worker/context_checksum.hpp"
#include "worker/leftovers.hpp"
#include "worker/local_worker.hpp"
#include "worker/result_cache.hpp"
#include "worker/runnable.hpp"

namespace manifold::builder {

using internal::CheckOutputs;
using internal::IgnoreCache;
using internal::InMember;
using internal::MarkInsecureOutputs;
using internal::LinkOrder;
using internal::MergedSecrets;
using internal::MergedSshAgents;
using internal::SameLayerFormat;

namespace {

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


// A member's part of the solve and of the export.
struct MemberWork {
  const BuildSetMember* member = nullptr;
  LoweredBuild lowered;
  std::vector<solver::Target> targets;
  std::vector<exporter::PlatformImageInput> images;
  std::vector<exporter::PlatformFiles> files;
  std::vector<CheckWarning> warnings;
  std::shared_future<std::optional<GitSource>> git;  ///< the context's checkout, read during the solve
};

// A member's images made (configs, manifests, its index) and delivered to its outputs.
util::Result<BuildResult> DeliverMember(MemberWork& w, const solver::Solution& solution, exporter::LayerMaker& layers,
                                        const content::Store& store, registry::RegistryHosts& hosts,
                                        snapshot::Snapshotter& snapshotter, BaseImages& base_images,
                                        progress::Sink& set_progress, std::chrono::system_clock::time_point started,
                                        content::LayoutTarHead* archive_head) {
  const BuildRequest& request = w.member->request;
  const LoweredBuild& lowered = w.lowered;
  MemberProgress progress(set_progress, w.member->name);
  auto& images = w.images;
  if (std::any_of(request.cache_to.begin(), request.cache_to.end(),
                  [](const auto& spec) { return spec.type == cache::CacheSpec::Type::kInline; })) {
    for (size_t i = 0; i < images.size(); ++i) MANIFOLD_CHECK(AddInlineCache(w.targets[i], solution, layers, images[i]));
  }
  const ImageFormat format = ImageFormatOf(request);
  auto assembled = exporter::AssembleImages(store, layers, images, format.family, &progress);
  if (!assembled) return std::unexpected(std::move(assembled.error()));

  BuildResult result;
  std::optional<image::Descriptor> delivered_root;
  if (request.platform_share) {
    // The client writes the index and delivers the other outputs; a share only pushes its
    // platforms, by digest, so that the index the client pushes finds them there.
    // Cache exports are the client's too: it merges every share's records into one.
    for (const auto& names : PushTargets(request)) {
      MANIFOLD_CHECK(exporter::PushPlatformImages(store, *assembled, names, hosts, progress, base_images.Repositories()));
    }
    for (const auto& spec : request.cache_to) {
      result.cache_records.push_back(spec.type == cache::CacheSpec::Type::kInline
                                         ? std::vector<cache::PortableRecord>{}
                                         : MANIFOLD_TRY(ExportedRecords(w.targets, solution, layers, spec.mode_max)));
    }
  } else {
    auto download_digest = [&](const graph::VertexRef& v) -> std::optional<std::string> {
      auto out = solution.Output(v);
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
      for (auto& sbom : MANIFOLD_TRY(ScanSboms(snapshotter, images, scan, progress))) {
        sboms.push_back({sbom.platform, {{"https://spdx.dev/Document", std::move(sbom.document)}}});
      }
    }
    auto attestations = MANIFOLD_TRY(Attest(request, lowered, download_digest, started, sboms, w.git));
    auto delivered = MANIFOLD_TRY(DeliverOutputs(request, store, *assembled, hosts, progress, base_images.Repositories(),
                                                 FilesSource{&snapshotter, w.files}, attestations.made.statements,
                                                 archive_head));
    result.provenance = std::move(attestations.made.provenance_max);
    result.pushed = std::move(delivered.pushed);
    result.loaded = std::move(delivered.loaded);
    result.engine_loaded = std::move(delivered.engine_loaded);
    result.notes = std::move(delivered.notes);
    result.archived = std::move(delivered.archived);
    delivered_root = delivered.root;
    MANIFOLD_CHECK(ExportCaches(request.cache_to, w.targets, solution, layers, store, hosts, progress));
  }

  result.root = delivered_root.value_or(assembled->root);
  result.warnings = std::move(w.warnings);
  for (const auto& p : assembled->platforms) {
    PlatformResult r;
    r.platform = p.platform;
    for (const auto& b : lowered.platforms) {
      if (b.platform == p.platform) r.run_steps = CountRunSteps(b.root, solution, image::HostPlatform());
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

// What a build keeps on this machine: the cache's database, the lock that keeps a prune out
// (taken after the sweep of what killed builds left), this build's scratch dir and the
// snapshotter over it. Members are destroyed in reverse order, the snapshotter first.
struct LocalState {
  std::shared_ptr<cache::MetaStore> meta;
  std::optional<cache::GcLock> gc_lock;
  std::unique_ptr<cache::LayerUnpacker> unpacker;  // the snapshotter keeps its address
  std::optional<cache::BuildScratch> scratch_lease;
  std::unique_ptr<snapshot::Snapshotter> snapshotter;
};

util::Result<LocalState> OpenLocalState(const std::filesystem::path& root, const content::Store& store) {
  LocalState local;
  local.meta = MANIFOLD_TRY(cache::MetaStore::Open(root));
  local.gc_lock.emplace(MANIFOLD_TRY(worker::LockRootForBuild(root, *local.meta)));
  local.unpacker = std::make_unique<cache::LayerUnpacker>(*local.meta, store);
  local.scratch_lease.emplace(MANIFOLD_TRY(cache::BuildScratch::Create(root, "build")));
  local.snapshotter = MANIFOLD_TRY(snapshot::Snapshotter::Open(
      {.scratch = local.scratch_lease->dir(), .remove_on_close = true, .diffs = local.meta->diffs_dir(),
       .layers = local.unpacker.get(), .kind = {}, .probe_memo = root / "snapshots" / "overlay-works"}));
  return local;
}

// Solves the members at `indices` (same layer format) as one graph, lowered in `link_order`
// (LinkOrder of all), and delivers each; results go to `results[index]` by the member's
// position in the whole set.
util::Status BuildTogether(const std::vector<BuildSetMember>& all, const std::vector<size_t>& link_order,
                           const std::vector<size_t>& indices,
                           std::vector<std::optional<BuildResult>>& results, progress::Sink& progress) {
  const auto started = std::chrono::system_clock::now();
  std::vector<const BuildSetMember*> members;
  for (size_t i : indices) members.push_back(&all[i]);
  const BuildRequest& first = members.front()->request;
  auto secrets = MANIFOLD_TRY(MergedSecrets(members));
  auto ssh_agents = MANIFOLD_TRY(MergedSshAgents(members));
  auto store = MANIFOLD_TRY(content::Store::Open(first.root));
  auto hosts = MANIFOLD_TRY(registry::RegistryHosts::Load(first.root, first.credentials));
  for (const BuildSetMember* member : members) MarkInsecureOutputs(member->request, *hosts);
  exporter::ImageStore local_images(first.root);
  // --pull asks the registry again; without it manifold's image store answers first.
  BaseImages base_local(hosts, store, progress, &local_images);
  BaseImages base_pulled(hosts, store, progress, nullptr);
  auto base_images_of = [&](const BuildRequest& request) -> BaseImages& {
    return request.pull ? base_pulled : base_local;
  };

  // Opened beside the lowering, which mostly waits on registries: a cold root's database schema
  // and overlay probe (whose unmount waits out an RCU grace period, up to ~35 ms here) then add
  // nothing to the build. Should the lowering fail, the future's destructor waits for it and
  // what it opened is closed again.
  std::future<util::Result<LocalState>> opening =
      std::async(std::launch::async, [root = first.root, &store] { return OpenLocalState(root, store); });

  // Lowered in link order, so that a member's links find the graphs they use.
  std::map<size_t, MemberWork> work;  // by index in `all`
  LocalSourceNames local_names;
  for (size_t i : link_order) {
    if (std::find(indices.begin(), indices.end(), i) == indices.end()) continue;
    const BuildSetMember& member = all[i];
    MemberWork& w = work[i];
    w.member = &member;
    if (member.request.lowered) {
      w.lowered = *member.request.lowered;
    } else {
      LowerInSet in_set;
      in_set.names = &local_names;
      for (const auto& [key, other] : member.links) {
        auto linked = work.find(other);
        if (linked == work.end()) {
          return util::Fail(util::ErrorKind::kInvalidArgument,
                            "target {:?}: context {} links to target {:?}, whose images are made differently "
                            "(another compression or SOURCE_DATE_EPOCH); give both the same output settings",
                            member.name, key, all[other].name);
        }
        frontend::dockerfile::NamedContext link;
        link.kind = frontend::dockerfile::NamedContext::Kind::kBuild;
        link.builds = linked->second.lowered.platforms;
        in_set.links[key] = std::move(link);
      }
      auto lowered = ReadAndLower(member.request, base_images_of(member.request), in_set);
      if (!lowered) return std::unexpected(InMember(std::move(lowered.error()), member));
      w.lowered = std::move(*lowered);
    }
    for (const auto& b : w.lowered.platforms) w.targets.emplace_back(image::Format(b.platform), b.root, member.name);
    if (!member.request.platform_share) w.git = StartReadingGitSource(member.request, w.lowered);
  }

  LocalState local = MANIFOLD_TRY(opening.get());
  const std::shared_ptr<cache::MetaStore>& meta = local.meta;
  const std::unique_ptr<snapshot::Snapshotter>& snapshotter = local.snapshotter;
  const std::filesystem::path scratch = local.scratch_lease->dir();
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
  worker_options.cache_mounts = first.root / "cache" / "mounts";
  worker_options.secrets = &secrets;
  worker_options.ssh = &ssh_agents;
  for (const auto& [i, w] : work) {
    const LoweredBuild& lowered = w.lowered;
    worker_options.locals[lowered.context_name] =
        worker::LocalDir{lowered.context_dir, lowered.excluded, lowered.walk_excluded};
    for (const auto& [name, dir] : lowered.named_dirs) {
      worker_options.locals[name] = worker::LocalDir{dir.dir, dir.excluded, dir.walk_excluded};
    }
  }
  worker_options.checksums = &checksums;
  // One compression setting for the layers of this solve: the first image output's (all
  // members agree). A COPY into an empty layer is written as its blob with it straight away
  // (worker/direct_layer.hpp).
  const ImageFormat format = ImageFormatOf(first);
  worker_options.store = &store;
  worker_options.layer_settings = worker::LayerSettings{format.compression, first.source_date_epoch};
  // The first member's archive output is begun now: the first COPY layer written straight from
  // the context goes into it as it is made, and the export does not copy it a second time.
  std::unique_ptr<content::LayoutTarHead> archive_head = BeginArchiveOutput(first);
  worker_options.archive_head = archive_head.get();
  worker::LocalWorker worker(std::move(worker_options));

  std::vector<solver::Target> targets;
  for (const auto& [i, w] : work) targets.insert(targets.end(), w.targets.begin(), w.targets.end());
  {
    std::vector<graph::VertexRef> roots;
    for (const auto& t : targets) roots.push_back(t.root);
    MANIFOLD_CHECK(worker::CheckRunnable(roots));
  }
  std::vector<std::function<bool(const graph::Vertex&)>> ignores;
  bool imports = false;
  for (const BuildSetMember* member : members) {
    ImportCaches(member->request.cache_from, *meta, store, *hosts, progress);
    imports = imports || !member->request.cache_from.empty();
    if (auto ignore = IgnoreCache(member->request)) ignores.push_back(std::move(ignore));
  }
  std::function<bool(const graph::Vertex&)> ignore_cache;
  if (!ignores.empty()) {
    ignore_cache = [&ignores](const graph::Vertex& v) {
      return std::any_of(ignores.begin(), ignores.end(), [&](const auto& ignore) { return ignore(v); });
    };
  }
  worker::ResultCache cached_results(*meta, store);
  cached_results.SetLayerClamp(first.source_date_epoch);
  auto solution = solver::Solve(targets, worker,
                                {.jobs = first.jobs,
                                 .progress = &progress,
                                 .cancel = first.cancel,
                                 .cache = &cached_results,
                                 .ignore_cache = ignore_cache,
                                 // Imported records have no shapes: a step must look before it runs.
                                 .key_while_running = !imports});
  MANIFOLD_CHECK(checksums.FlushAndRelease());
  if (!solution) return std::unexpected(std::move(solution.error()));
  // What the solve freed (copy bookkeeping, checksums, step threads' arenas) goes back to the
  // system before the export's compressors allocate theirs: the peak is the export's alone.
  ::malloc_trim(0);

  std::vector<exporter::PlatformImageInput> all_images;
  for (auto& [i, w] : work) {
    for (const auto& b : w.lowered.platforms) {
      snapshot::SnapshotRef root;
      if (auto out = solution->Output(b.root)) {
        const auto* snap = dynamic_cast<const worker::SnapshotOutput*>(out.get());
        if (snap == nullptr) {
          return std::unexpected(InMember(util::Error(util::ErrorKind::kInvalidArgument,
                                                      fmt::format("the target stage of {} is not a filesystem",
                                                                  image::Format(b.platform))),
                                          *w.member));
        }
        root = snap->snapshot();
      }
      w.images.push_back({b.platform, root, b.config});
      w.files.push_back({b.platform, root});
    }
    // Before any layer is compressed or output written: with error=true a finding stops here.
    MemberProgress member_progress(progress, w.member->name);
    auto warnings = RunBuildChecks(w.images, w.lowered.checks, member_progress, meta.get());
    if (!warnings) return std::unexpected(InMember(std::move(warnings.error()), *w.member));
    w.warnings = std::move(*warnings);
    all_images.insert(all_images.end(), w.images.begin(), w.images.end());
  }

  exporter::LayerMaker layers(store, format.compression, first.source_date_epoch, meta.get());
  layers.SetForceCompression(format.force_compression);
  // Every layer is compressed here, under one vertex; what follows finds them made.
  MANIFOLD_CHECK(exporter::ExportLayers(layers, all_images, progress));

  for (auto& [i, w] : work) {
    auto delivered = DeliverMember(w, *solution, layers, store, *hosts, *snapshotter, base_images_of(w.member->request),
                                   progress, started, w.member == members.front() ? archive_head.get() : nullptr);
    if (!delivered) return std::unexpected(InMember(std::move(delivered.error()), *w.member));
    results[i] = std::move(*delivered);
  }
  return {};
}

}  // namespace

util::Result<std::vector<BuildResult>> BuildSet(const std::vector<BuildSetMember>& members, progress::Sink& progress) {
  MANIFOLD_ASSERT(!members.empty(), "a build set has at least one member");
  for (const auto& member : members) {
    if (auto checked = CheckOutputs(member.request); !checked) {
      return std::unexpected(InMember(std::move(checked.error()), member));
    }
  }
  // A cycle among links is refused before anything is read.
  const std::vector<size_t> link_order = MANIFOLD_TRY(LinkOrder(members));
  // Members that agree on the layer format are solved together, in order of first appearance.
  std::vector<std::vector<size_t>> groups;
  for (size_t i = 0; i < members.size(); ++i) {
    auto group = std::find_if(groups.begin(), groups.end(), [&](const std::vector<size_t>& g) {
      return SameLayerFormat(members[g.front()].request, members[i].request);
    });
    if (group == groups.end()) {
      groups.push_back({i});
    } else {
      group->push_back(i);
    }
  }
  std::vector<std::optional<BuildResult>> results(members.size());
  for (const auto& group : groups) MANIFOLD_CHECK(BuildTogether(members, link_order, group, results, progress));
  std::vector<BuildResult> out;
  for (auto& result : results) out.push_back(std::move(*result));
  return out;
}

}  // namespace manifold::builder
