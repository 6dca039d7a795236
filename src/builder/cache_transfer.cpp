// Remote caches in and out of a build.
#include "builder/cache_transfer.hpp"

#include <functional>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "progress/activity.hpp"
#include "registry/reference.hpp"
#include "worker/outputs.hpp"

namespace manifold::builder {

namespace {

void Warn(progress::Sink& progress, std::string text) {
  progress::Event e;
  e.kind = progress::EventKind::kWarning;
  e.vertex = "cache";
  e.name = "[cache]";
  e.text = std::move(text);
  progress.Emit(e);
}

util::Result<registry::Repository> RepositoryOf(const cache::CacheSpec& spec, registry::RegistryHosts& hosts,
                                                std::string* tag) {
  auto ref = MANIFOLD_TRY(registry::ParseReference(spec.ref));
  if (spec.registry_insecure) hosts.MarkInsecure(ref.domain);
  if (tag != nullptr) *tag = ref.tag.empty() ? "latest" : ref.tag;
  return hosts.RepositoryFor(ref.domain, ref.path);
}

util::Result<std::vector<cache::PortableRecord>> ReadSource(const cache::CacheSpec& spec, const content::Store& store,
                                                            registry::RegistryHosts& hosts) {
  if (spec.type == cache::CacheSpec::Type::kLocal) return cache::ImportLocal(store, spec.dir);
  auto ref = MANIFOLD_TRY(registry::ParseReference(spec.ref));
  auto repository = MANIFOLD_TRY(RepositoryOf(spec, hosts, nullptr));
  return cache::ImportRegistry(store, repository, ref.TagOrDigest().empty() ? "latest" : ref.TagOrDigest());
}

// Steps whose records are worth keeping: what the solver caches (not local or http sources).
bool Exportable(const graph::Vertex& v) {
  const auto* source = std::get_if<graph::SourceOp>(&v.op());
  return source == nullptr || source->kind == graph::SourceOp::Kind::kImage;
}

// Where a cache goes or comes from, as BuildKit names it: the reference, or the directory.
std::string CacheWhere(const cache::CacheSpec& spec) {
  return spec.type == cache::CacheSpec::Type::kLocal ? spec.dir.string() : spec.ref;
}

}  // namespace

void ImportCaches(const std::vector<cache::CacheSpec>& sources, cache::MetaStore& meta, const content::Store& store,
                  registry::RegistryHosts& hosts, progress::Sink& progress) {
  for (const auto& spec : sources) {
    std::optional<progress::Activity> activity;
    activity.emplace(progress, "cache-import:" + spec.raw, "importing cache manifest from " + CacheWhere(spec));
    auto records = ReadSource(spec, store, hosts);
    if (records) activity->Log(fmt::format("{} records", records->size()));
    else activity->Log(records.error().What());
    // An unreadable cache is not an error of the build: the vertex ends, a warning says why.
    activity->Done();
    activity.reset();
    if (!records) {
      Warn(progress, fmt::format("--cache-from {}: {} (building without it)", spec.raw, records.error().What()));
      continue;
    }
    for (const auto& record : *records) {
      std::vector<cache::ChainEntry> chain;
      for (const auto& layer : record.chain) chain.push_back({.diff = {}, .blob = layer, .built = nullptr});
      if (auto saved = meta.Save(record.key, chain, "imported from " + spec.raw); !saved) {
        Warn(progress, fmt::format("--cache-from {}: {}", spec.raw, saved.error().What()));
        break;
      }
    }
  }
}

util::Result<std::vector<cache::PortableRecord>> ExportedRecords(const std::vector<solver::Target>& targets,
                                                                 const solver::Solution& solution,
                                                                 exporter::LayerMaker& layers, bool mode_max) {
  std::set<image::Digest> chosen;
  std::vector<graph::VertexRef> stack;
  for (const auto& t : targets) {
    if (t.root) stack.push_back(t.root);
  }
  while (!stack.empty()) {
    graph::VertexRef v = stack.back();
    stack.pop_back();
    if (!chosen.insert(v->digest()).second) continue;
    // mode=min follows only the base (input 0): the layers of the final image; mode=max every input.
    for (size_t i = 0; i < v->inputs().size() && (mode_max || i == 0); ++i) {
      if (v->inputs()[i]) stack.push_back(v->inputs()[i]);
    }
    if (!Exportable(*v)) chosen.erase(v->digest());
  }
  // Several vertices (platforms) may share one key; one record each.
  std::map<std::string, cache::PortableRecord> records;
  for (const auto& digest : chosen) {
    auto key = solution.keys.find(digest);
    auto out = solution.outputs.find(digest);
    if (key == solution.keys.end() || out == solution.outputs.end()) continue;
    const auto* snapshot = dynamic_cast<const worker::SnapshotOutput*>(out->second.get());
    if (snapshot == nullptr || records.contains(key->second)) continue;
    cache::PortableRecord record;
    record.key = key->second;
    record.chain = MANIFOLD_TRY(layers.Layers(snapshot->snapshot()));
    records.emplace(record.key, std::move(record));
  }
  std::vector<cache::PortableRecord> out;
  for (auto& [key, record] : records) out.push_back(std::move(record));
  return out;
}

namespace {

// One destination: its records computed by `records` (which may fail), then written.
// `layers`, when records are made here: the layers it compresses show in the export's vertex.
util::Status ExportOne(const cache::CacheSpec& spec,
                       const std::function<util::Result<std::vector<cache::PortableRecord>>()>& records_of,
                       const content::Store& store, registry::RegistryHosts& hosts, progress::Sink& progress,
                       exporter::LayerMaker* layers = nullptr) {
  if (spec.type == cache::CacheSpec::Type::kInline) return {};  // written into the image configs
  {
    // BuildKit: "exporting cache to registry" / "exporting cache to client directory".
    bool local = spec.type == cache::CacheSpec::Type::kLocal;
    progress::Activity activity(progress, "cache-export:" + spec.raw,
                                local ? "exporting cache to client directory" : "exporting cache to registry");
    activity.Log(fmt::format("preparing build cache for export to {}", CacheWhere(spec)));
    auto exported = [&]() -> util::Status {
      if (layers != nullptr) layers->SetProgress(&activity);
      auto records = records_of();
      if (layers != nullptr) layers->SetProgress(nullptr);
      if (!records) return std::unexpected(std::move(records.error()));
      if (local) return cache::ExportLocal(store, *records, spec.dir, &activity);
      std::string tag;
      auto repository = MANIFOLD_TRY(RepositoryOf(spec, hosts, &tag));
      return cache::ExportRegistry(store, *records, repository, tag, &activity);
    }();
    if (exported) {
      activity.Done();
      return {};
    }
    auto error = std::move(exported.error()).Context("--cache-to {}", spec.raw);
    if (!spec.ignore_error) {
      activity.Fail(error.What());
      return std::unexpected(std::move(error));
    }
    activity.Log(error.What() + " (ignored: ignore-error=true)");
    activity.Done();
    Warn(progress, error.What() + " (ignored: ignore-error=true)");
  }
  return {};
}

}  // namespace

util::Status WriteCacheExports(const std::vector<cache::CacheSpec>& destinations,
                               const std::vector<std::vector<cache::PortableRecord>>& records,
                               const content::Store& store, registry::RegistryHosts& hosts, progress::Sink& progress) {
  for (size_t i = 0; i < destinations.size(); ++i) {
    MANIFOLD_CHECK(ExportOne(
        destinations[i], [&]() -> util::Result<std::vector<cache::PortableRecord>> { return records.at(i); }, store,
        hosts, progress));
  }
  return {};
}

util::Status ExportCaches(const std::vector<cache::CacheSpec>& destinations, const std::vector<solver::Target>& targets,
                          const solver::Solution& solution, exporter::LayerMaker& layers, const content::Store& store,
                          registry::RegistryHosts& hosts, progress::Sink& progress) {
  for (const auto& spec : destinations) {
    MANIFOLD_CHECK(ExportOne(
        spec, [&] { return ExportedRecords(targets, solution, layers, spec.mode_max); }, store, hosts, progress,
        &layers));
  }
  return {};
}

}  // namespace manifold::builder
