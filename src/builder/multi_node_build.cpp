// A build over several nodes: connect, assign, lower once, run the shares, write the index.
#include "builder/multi_node_build.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <stop_token>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "builder/attestations.hpp"
#include "builder/cache_transfer.hpp"
#include "builder/context_selection.hpp"
#include "builder/deliver_outputs.hpp"
#include "builder/engine_delivery.hpp"
#include "builder/node_connection.hpp"
#include "builder/node_job.hpp"
#include "builder/node_protocol.hpp"
#include "builder/platform_assignment.hpp"
#include "cache/meta_store.hpp"
#include "content/store.hpp"
#include "exporter/image_store.hpp"
#include "image/platform_parse.hpp"
#include "progress/event_json.hpp"
#include "session/error_message.hpp"
#include "registry/reference.hpp"
#include "session/context_scan.hpp"
#include "session/context_transfer.hpp"
#include "session/secrets.hpp"
#include "util/sha256.hpp"
#include "worker/context_checksum.hpp"

namespace manifold::builder {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Steps of this machine's own about a node: "connect" and "build".
progress::Event NodeEvent(std::string_view step, progress::EventKind kind, const Node& node, std::string name,
                          std::string text = {}) {
  progress::Event e;
  e.kind = kind;
  e.vertex = fmt::format("node-{}:{}", step, node.name);
  e.name = std::move(name);
  e.text = std::move(text);
  return e;
}

// Names this machine's copy of a context on a node: one copy per client root and directory,
// so that two checkouts never overwrite each other's files there.
// A named context's copy is its own even when its directory is the build context's: each is
// sent with only what its own steps read.
std::string ContextKey(const fs::path& root, const fs::path& context_dir, std::string_view local_name = "context") {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  std::string text = fmt::format("{}\n{}\n{}", host, fs::absolute(root).string(), context_dir.string());
  if (local_name != "context") text += fmt::format("\n{}", local_name);
  return util::Sha256::Hex(text);
}

// The registry hosts a node talks to for this build, with this machine's credentials.
std::map<std::string, registry::Credential> ForwardedCredentials(const BuildRequest& request,
                                                                 const std::map<std::string, std::string>& bases) {
  std::set<std::string> hosts;
  for (const auto& [domain, repository] : bases) hosts.insert(domain);
  for (const auto& names : PushTargets(request)) {
    for (const auto& name : names) {
      if (auto ref = registry::ParseReference(name)) hosts.insert(ref->domain);
    }
  }
  for (const auto& spec : request.cache_from) {
    if (auto ref = registry::ParseReference(spec.ref); spec.type == cache::CacheSpec::Type::kRegistry && ref) {
      hosts.insert(ref->domain);
    }
  }
  std::map<std::string, registry::Credential> credentials;
  if (!request.credentials) return credentials;
  for (const auto& host : hosts) {
    auto credential = request.credentials(host);
    if (credential && !credential->empty()) credentials[host] = *credential;
  }
  return credentials;
}

// What a remote node is told to do for its platforms.
// (its context_key is set once it is known whether its graph reads the context).
NodeJob JobFor(const BuildRequest& request, const LoweredBuild& lowered,
               std::vector<frontend::dockerfile::PlatformBuild> platforms,
               const std::map<std::string, std::string>& secrets,
               std::map<std::string, registry::Credential> credentials) {
  NodeJob job;
  job.platforms = std::move(platforms);
  job.checks = lowered.checks;
  for (const auto& out : request.outputs) job.outputs.push_back(out.raw);
  job.tags = request.tags;
  job.push = request.push;
  job.pull = request.pull;
  job.no_cache = request.no_cache;
  job.no_cache_filter = request.no_cache_filter;
  for (const auto& spec : request.cache_from) {
    if (spec.type == cache::CacheSpec::Type::kRegistry) job.cache_from.push_back(spec.raw);
  }
  for (const auto& spec : request.cache_to) job.cache_to.push_back(spec.raw);
  job.jobs = request.jobs;
  job.source_date_epoch = request.source_date_epoch;
  job.secrets = secrets;
  job.credentials = std::move(credentials);
  job.return_blobs = NeedsBlobsLocally(request);
  return job;
}

// One remote node's share, run on its own thread.
struct RemoteShare {
  NodeConnection* connection = nullptr;
  NodeJob job;
  util::Result<NodeResult> result = util::Fail(util::ErrorKind::kInternal, "not run");
};

util::Status ReceiveBlobs(NodeConnection& c, const json& offer, const content::Store& store) {
  json want = {{"type", "want"}, {"digests", json::array()}};
  size_t wanted = 0;
  for (const auto& blob : offer.value("blobs", json::array())) {
    auto digest = image::Digest::Parse(blob.value("digest", ""));
    if (!digest) return std::unexpected(std::move(digest.error()).Context("the node's offer"));
    if (!store.Has(*digest)) {
      want["digests"].push_back(digest->str());
      ++wanted;
    }
  }
  MANIFOLD_CHECK(c.channel().Send(want));
  for (size_t i = 0; i < wanted; ++i) {
    auto announce = MANIFOLD_TRY(c.channel().Receive());
    if (announce.value("type", "") != "blob") {
      return util::Fail(util::ErrorKind::kInvalidArgument, "expected a blob from the node, got {}", announce.value("type", "?"));
    }
    auto digest = MANIFOLD_TRY(image::Digest::Parse(announce.value("digest", "")));
    auto ingest = MANIFOLD_TRY(store.Begin());
    MANIFOLD_CHECK(c.channel().ReceiveBlob(announce.value("size", int64_t{0}),
                                           [&](std::string_view chunk) { return ingest.Write(chunk); }));
    MANIFOLD_CHECK(ingest.Commit(digest));  // a blob that is not what it claims is refused
  }
  return {};
}

util::Result<NodeResult> RunRemote(RemoteShare& share, const LoweredBuild& lowered,
                                   const session::ContextManifest* manifest,
                                   const std::map<std::string, session::ContextManifest>& named_manifests,
                                   const content::Store& store, progress::Sink& progress, std::stop_token stop) {
  NodeConnection& c = *share.connection;
  std::stop_callback cancel(stop, [&c] {
    if (!c.channel().Send({{"type", "cancel"}})) c.Kill();
  });
  if (manifest != nullptr) {
    const auto started = std::chrono::steady_clock::now();
    auto sent = session::SendContext(c.channel(), lowered.context_dir, *manifest, share.job.context_key);
    if (!sent) return std::unexpected(c.Broken(sent.error(), "sending the build context"));
    size_t files = 0;
    for (const auto& e : manifest->entries) files += e.type == session::ContextEntry::Type::kFile;
    progress.Emit(NodeEvent("build", progress::EventKind::kLog, c.node(), "", 
                            fmt::format("context: {} files, {} bytes sent in {} ms", files, *sent,
                                        std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::steady_clock::now() - started).count())));
  }
  for (const auto& [name, key] : share.job.named_context_keys) {
    const auto started = std::chrono::steady_clock::now();
    const auto& named = named_manifests.at(name);
    auto sent = session::SendContext(c.channel(), lowered.named_dirs.at(name).dir, named, key);
    if (!sent) return std::unexpected(c.Broken(sent.error(), "sending the build context " + name));
    size_t files = 0;
    for (const auto& e : named.entries) files += e.type == session::ContextEntry::Type::kFile;
    progress.Emit(NodeEvent("build", progress::EventKind::kLog, c.node(), "",
                            fmt::format("{}: {} files, {} bytes sent in {} ms", name, files, *sent,
                                        std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::steady_clock::now() - started).count())));
  }
  if (auto sent = c.channel().Send(NodeJobToJson(share.job)); !sent) {
    return std::unexpected(c.Broken(sent.error(), "sending the build"));
  }
  for (;;) {
    auto message = c.channel().Receive();
    if (!message) return std::unexpected(c.Broken(message.error(), "the connection ended during the build"));
    const std::string type = message->value("type", "");
    if (type == "event") {
      auto event = progress::EventFromJson(message->value("event", json::object()));
      if (!event) continue;  // a newer node's event kind: nothing to show
      event->vertex = c.node().name + ":" + event->vertex;
      event->name = fmt::format("[{}] {}", c.node().name, event->name);
      progress.Emit(*event);
    } else if (type == "offer") {
      if (auto ok = ReceiveBlobs(c, *message, store); !ok) {
        return std::unexpected(c.Broken(ok.error(), "receiving the images"));
      }
    } else if (type == "result") {
      auto result = NodeResultFromJson(*message);
      (void)c.channel().Send({{"type", "bye"}});
      progress.Emit(NodeEvent("build", progress::EventKind::kLog, c.node(), "",
                              fmt::format("channel: {} bytes sent, {} bytes received", c.channel().bytes_sent(),
                                          c.channel().bytes_received())));
      if (!result) return std::unexpected(c.Broken(result.error(), "reading the result"));
      return result;
    } else if (type == "error") {
      util::Error error = session::ErrorFromMessage(*message);
      return util::Fail(error.kind(), "node {:?} ({}): {}", c.node().name, c.node().endpoint, error.message());
    }
  }
}

// Everything this client checks before a remote node does any work.
util::Status CheckRemoteRequest(const BuildRequest& request) {
  for (const auto& out : request.outputs) {
    if (out.type == exporter::OutputType::kLocal || out.type == exporter::OutputType::kTar) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "--output {}: the filesystems of platforms built on remote nodes stay there; use type=oci "
                        "(or --push) with a multi-node builder, or build with --builder default",
                        out.raw);
    }
  }
  for (const auto& [name, spec] : request.build_contexts) {
    if (spec.kind == NamedContextSpec::Kind::kOciLayout) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "--build-context {}={}: an OCI layout's blobs are on this machine, and remote nodes do not "
                        "receive them; push the image and use docker-image://, or build with --builder default",
                        name, spec.value);
    }
  }
  if (!request.ssh.empty()) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "--ssh: an ssh agent is not forwarded to remote nodes; build with --builder default");
  }
  // The client loads into its own Engine: refused here, before any node works, when none answers.
  return CheckEngineOutputs(request);
}

}  // namespace

util::Result<BuildResult> BuildOnInstance(const BuildRequest& request, const Instance& instance,
                                          progress::Sink& progress) {
  const auto started = std::chrono::system_clock::now();
  // Only this machine (the default builder): nothing to dial or assign, and a warm no-op
  // rebuild should not pay for asking binfmt_misc what it emulates.
  if (std::all_of(instance.nodes.begin(), instance.nodes.end(), [](const Node& n) { return n.local(); })) {
    BuildResult result = MANIFOLD_TRY(Build(request, progress));
    for (auto& p : result.platforms) {
      p.node = instance.nodes.empty() ? std::string(kDefaultInstance) : instance.nodes.front().name;
      p.native = RunsNatively(image::HostPlatform(), p.platform);
    }
    return result;
  }
  std::vector<std::unique_ptr<NodeConnection>> connections;
  const std::vector<NodeStatus> statuses = ConnectNodes(
      instance, connections,
      {.started =
           [&](const Node& node) {
             progress.Emit(NodeEvent("connect", progress::EventKind::kStarted, node,
                                     fmt::format("[internal] connecting to node {} ({})", node.name, node.endpoint)));
           },
       .ended =
           [&](const NodeStatus& status, std::chrono::milliseconds took) {
             // Not an error yet: --allow-fallback may build its platforms elsewhere.
             progress.Emit(NodeEvent(
                 "connect", progress::EventKind::kLog, status.node, "",
                 status.reachable
                     ? fmt::format("connected in {} ms: manifold {}, protocol {}, native {}", took.count(),
                                   status.info.version, status.info.protocol, image::Format(status.info.native))
                     : "unreachable: " + status.error));
             progress.Emit(NodeEvent("connect", progress::EventKind::kDone, status.node, ""));
           }});
  auto assignments = MANIFOLD_TRY(AssignPlatforms(request.platforms, instance.name, statuses, request.allow_fallback));

  auto annotate = [&](BuildResult result) {
    for (auto& p : result.platforms) {
      for (const auto& a : assignments) {
        if (a.platform == p.platform) {
          p.node = instance.nodes[a.node].name;
          p.native = a.native;
        }
      }
    }
    return result;
  };
  const bool remote = std::any_of(assignments.begin(), assignments.end(),
                                  [&](const Assignment& a) { return !instance.nodes[a.node].local(); });
  if (!remote) {
    connections.clear();
    return annotate(MANIFOLD_TRY(Build(request, progress)));
  }
  MANIFOLD_CHECK(CheckRemoteRequest(request));

  if (request.attest.sbom) {
    // The SBOM is read from each platform's filesystem, and a node's stay on the node.
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "--sbom with builder {:?}: platforms built on remote nodes keep their filesystems there, so "
                      "manifold cannot scan them yet; build with --builder default, or pass --sbom=false",
                      instance.name);
  }
  // Lowered once, here: every node builds the same vertices from the same base image digests.
  auto store = MANIFOLD_TRY(content::Store::Open(request.root));
  auto hosts = MANIFOLD_TRY(registry::RegistryHosts::Load(request.root, request.credentials));
  exporter::ImageStore local_images(request.root);
  BaseImages base_images(hosts, store, progress, request.pull ? nullptr : &local_images);
  const LoweredBuild lowered = MANIFOLD_TRY(ReadAndLower(request, base_images));
  auto secrets = MANIFOLD_TRY(session::SecretStore::FromFlags(request.secrets));
  const auto credentials = ForwardedCredentials(request, base_images.Repositories());

  auto platform_build = [&](const image::Platform& p) {
    return *std::find_if(lowered.platforms.begin(), lowered.platforms.end(),
                         [&](const auto& b) { return b.platform == p; });
  };
  std::vector<frontend::dockerfile::PlatformBuild> local_platforms;
  std::vector<RemoteShare> remote_shares;
  for (size_t n = 0; n < instance.nodes.size(); ++n) {
    std::vector<frontend::dockerfile::PlatformBuild> mine;
    for (const auto& a : assignments) {
      if (a.node == n) mine.push_back(platform_build(a.platform));
    }
    if (mine.empty()) continue;
    if (instance.nodes[n].local()) {
      local_platforms.insert(local_platforms.end(), mine.begin(), mine.end());
      continue;
    }
    RemoteShare share;
    share.connection = connections[n].get();
    share.job = JobFor(request, lowered, mine, secrets.All(), credentials);
    remote_shares.push_back(std::move(share));
  }

  // One manifest for every node that reads the context: what their steps read of it, no more
  // (digests from the stat cache). A file no step reads neither travels nor, when it changes
  // during the transfer (a log written beside the build), fails it.
  ContextSelection selection;
  for (auto& share : remote_shares) {
    ContextSelection reads = SelectContext(share.job.platforms, lowered.context_dir);
    if (!reads.reads) continue;
    share.job.context_key = ContextKey(request.root, lowered.context_dir);
    selection.reads = true;
    selection.subtrees.insert(selection.subtrees.end(), reads.subtrees.begin(), reads.subtrees.end());
  }
  // The same for each --build-context directory: its own selection, .dockerignore and copy.
  std::map<std::string, ContextSelection> named_selections;
  for (auto& share : remote_shares) {
    for (const auto& [name, dir] : lowered.named_dirs) {
      ContextSelection reads = SelectContext(share.job.platforms, dir.dir, name);
      if (!reads.reads) continue;
      share.job.named_context_keys[name] = ContextKey(request.root, dir.dir, name);
      auto& merged = named_selections[name];
      merged.reads = true;
      merged.subtrees.insert(merged.subtrees.end(), reads.subtrees.begin(), reads.subtrees.end());
    }
  }
  std::optional<session::ContextManifest> manifest;
  std::map<std::string, session::ContextManifest> named_manifests;
  if (selection.reads || !named_selections.empty()) {
    auto meta = MANIFOLD_TRY(cache::MetaStore::Open(request.root));
    worker::ContextChecksums sums(meta.get());
    auto scan = [&](const fs::path& dir, const ContextSelection& selected, const worker::PathFilter& ignored,
                    const worker::PathFilter& walk_ignored) {
      auto excluded = [&](std::string_view path) { return !selected.Selects(path) || (ignored && ignored(path)); };
      auto walk_excluded = [&](std::string_view path) {
        return selected.Selects(path) && walk_ignored && walk_ignored(path);
      };
      return session::ScanContext(
          dir, excluded, walk_excluded,
          [&](const fs::path& path, const struct stat& st) { return sums.FileDigestIn(dir, path, st); });
    };
    if (selection.reads) manifest = MANIFOLD_TRY(scan(lowered.context_dir, selection, lowered.excluded, lowered.walk_excluded));
    for (const auto& [name, selected] : named_selections) {
      const auto& dir = lowered.named_dirs.at(name);
      named_manifests[name] = MANIFOLD_TRY(scan(dir.dir, selected, dir.excluded, dir.walk_excluded));
    }
    MANIFOLD_CHECK(sums.Flush());
  }

  // Every share at once; the first failure stops the others.
  std::stop_source stop;
  std::stop_callback interrupted(request.cancel, [&] { stop.request_stop(); });
  std::vector<std::thread> runners;
  for (auto& share : remote_shares) {
    runners.emplace_back([&, share_ptr = &share] {
      const Node& node = share_ptr->connection->node();
      std::vector<std::string> names;
      for (const auto& p : share_ptr->job.platforms) names.push_back(image::Format(p.platform));
      progress.Emit(NodeEvent("build", progress::EventKind::kStarted, node,
                              fmt::format("[internal] building {} on node {} ({})", fmt::join(names, ", "),
                                          node.name, node.endpoint)));
      share_ptr->result = RunRemote(*share_ptr, lowered, share_ptr->job.context_key.empty() ? nullptr : &*manifest,
                                    named_manifests, store, progress, stop.get_token());
      if (!share_ptr->result) {
        progress.Emit(NodeEvent("build", progress::EventKind::kError, node, "", share_ptr->result.error().What()));
        stop.request_stop();
      } else {
        progress.Emit(NodeEvent("build", progress::EventKind::kDone, node, ""));
      }
    });
  }
  util::Result<BuildResult> local = BuildResult{};
  if (!local_platforms.empty()) {
    BuildRequest share = request;
    share.lowered = lowered;
    share.lowered->platforms = local_platforms;
    share.platforms.clear();
    for (const auto& p : local_platforms) share.platforms.push_back(p.platform);
    share.platform_share = true;
    share.cancel = stop.get_token();
    local = Build(share, progress);
    if (!local) stop.request_stop();
  }
  for (auto& t : runners) t.join();
  connections.clear();

  // The failure to report: the first that is not just "cancelled because another failed".
  std::optional<util::Error> failure;
  auto consider = [&](const util::Error& e) {
    if (!failure || (failure->kind() == util::ErrorKind::kCancelled && e.kind() != util::ErrorKind::kCancelled)) {
      failure = e;
    }
  };
  if (!local) consider(local.error());
  for (const auto& share : remote_shares) {
    if (!share.result) consider(share.result.error());
  }
  if (failure) return std::unexpected(*failure);

  // Every platform is built: the index over them, in the order the user asked for.
  BuildResult result;
  std::vector<PlatformResult> built = local->platforms;
  result.warnings = local->warnings;
  for (const auto& share : remote_shares) {
    built.insert(built.end(), share.result->platforms.begin(), share.result->platforms.end());
    result.warnings.insert(result.warnings.end(), share.result->warnings.begin(), share.result->warnings.end());
  }
  exporter::AssembledImages assembled;
  for (const auto& p : request.platforms) {
    auto it = std::find_if(built.begin(), built.end(), [&](const PlatformResult& r) { return r.platform == p; });
    if (it == built.end()) return util::Fail(util::ErrorKind::kInternal, "no node returned {}", image::Format(p));
    PlatformResult r = *it;
    r.manifest.platform = r.platform;
    result.platforms.push_back(r);
    assembled.platforms.push_back({r.platform, r.manifest, r.config_descriptor, r.layer_descriptors});
  }
  assembled.root =
      MANIFOLD_TRY(exporter::WriteRoot(store, assembled.platforms, ImageFormatOf(request).family, &progress));
  // Provenance for every node's platforms from the graph lowered here; downloads made on other
  // nodes are listed with the Dockerfile's checksum when it gave one.
  auto attestations = MANIFOLD_TRY(Attest(request, lowered, {}, started));
  auto delivered = MANIFOLD_TRY(DeliverOutputs(request, store, assembled, *hosts, progress, base_images.Repositories(),
                                               FilesSource{}, attestations.made.statements));
  result.provenance = std::move(attestations.made.provenance_max);

  // One cache export holding every node's records (the layers came back with the results).
  std::vector<std::vector<cache::PortableRecord>> records(request.cache_to.size());
  auto merge = [&](const std::vector<std::vector<cache::PortableRecord>>& from) {
    for (size_t i = 0; i < from.size() && i < records.size(); ++i) {
      for (const auto& record : from[i]) {
        bool known = std::any_of(records[i].begin(), records[i].end(),
                                 [&](const cache::PortableRecord& r) { return r.key == record.key; });
        if (!known) records[i].push_back(record);
      }
    }
  };
  merge(local->cache_records);
  for (const auto& share : remote_shares) merge(share.result->cache_records);
  MANIFOLD_CHECK(WriteCacheExports(request.cache_to, records, store, *hosts, progress));
  result.root = delivered.root.value_or(assembled.root);
  result.pushed = std::move(delivered.pushed);
  result.loaded = std::move(delivered.loaded);
  result.engine_loaded = std::move(delivered.engine_loaded);
  result.notes = std::move(delivered.notes);
  result.archived = std::move(delivered.archived);
  return annotate(std::move(result));
}

}  // namespace manifold::builder
