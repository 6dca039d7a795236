// NodeJob <-> {"type":"build", ...}.
#include "builder/node_job.hpp"

#include "graph/graph_json.hpp"
#include "image/descriptor_json.hpp"
#include "image/config.hpp"
#include "image/platform_parse.hpp"

namespace manifold::builder {

namespace {
using nlohmann::json;

util::Result<json> Field(const json& message, const char* name, json::value_t type) {
  if (!message.contains(name) || message[name].type() != type) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "build job: field {:?} is missing or of the wrong type", name);
  }
  return message[name];
}

util::Result<std::vector<std::string>> Strings(const json& message, const char* name) {
  if (!message.contains(name)) return std::vector<std::string>{};
  if (!message[name].is_array()) return util::Fail(util::ErrorKind::kInvalidArgument, "build job: {:?} is not a list", name);
  std::vector<std::string> out;
  for (const auto& v : message[name]) {
    if (!v.is_string()) return util::Fail(util::ErrorKind::kInvalidArgument, "build job: {:?} holds a non-string", name);
    out.push_back(v.get<std::string>());
  }
  return out;
}
}  // namespace

json NodeJobToJson(const NodeJob& job) {
  std::vector<graph::VertexRef> roots;
  json platforms = json::array();
  for (const auto& p : job.platforms) {
    platforms.push_back({{"platform", image::Format(p.platform)}, {"config", image::SerializeConfig(p.config)}});
    roots.push_back(p.root);
  }
  json credentials = json::object();
  for (const auto& [host, c] : job.credentials) {
    credentials[host] = {{"username", c.username}, {"password", c.password}, {"identity_token", c.identity_token}};
  }
  json message = {{"type", "build"},
                  {"graph", graph::GraphToJson(roots)},
                  {"platforms", platforms},
                  {"checks", {{"skip_all", job.checks.skip_all}, {"skip", job.checks.skip}}},
                  {"context_key", job.context_key},
                  {"named_context_keys", job.named_context_keys},
                  {"outputs", job.outputs},
                  {"tags", job.tags},
                  {"push", job.push},
                  {"pull", job.pull},
                  {"no_cache", job.no_cache},
                  {"no_cache_filter", job.no_cache_filter},
                  {"cache_from", job.cache_from},
                  {"cache_to", job.cache_to},
                  {"jobs", job.jobs},
                  {"secrets", job.secrets},
                  {"credentials", credentials},
                  {"return_blobs", job.return_blobs}};
  if (job.checks.error) message["checks"]["error"] = *job.checks.error;
  if (job.source_date_epoch) message["source_date_epoch"] = *job.source_date_epoch;
  return message;
}

util::Result<NodeJob> NodeJobFromJson(const json& message) {
  NodeJob job;
  auto graph = MANIFOLD_TRY(Field(message, "graph", json::value_t::object));
  auto roots = graph::GraphFromJson(graph);
  if (!roots) return std::unexpected(std::move(roots.error()).Context("build job: the graph"));
  auto platforms = MANIFOLD_TRY(Field(message, "platforms", json::value_t::array));
  if (platforms.size() != roots->size()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "build job: {} platforms for {} graph roots", platforms.size(),
                      roots->size());
  }
  for (size_t i = 0; i < platforms.size(); ++i) {
    const json& p = platforms[i];
    if (!p.is_object() || !p.contains("platform") || !p["platform"].is_string() || !p.contains("config") ||
        !p["config"].is_string()) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "build job: platform entry {} is malformed", i);
    }
    frontend::dockerfile::PlatformBuild build;
    build.platform = MANIFOLD_TRY(image::ParsePlatformFlag(p["platform"].get<std::string>(), image::HostPlatform()));
    auto config = image::ParseConfig(p["config"].get<std::string>());
    if (!config) return std::unexpected(std::move(config.error()).Context("build job: the config of {}", image::Format(build.platform)));
    build.config = std::move(*config);
    build.root = (*roots)[i];
    job.platforms.push_back(std::move(build));
  }
  if (message.contains("checks") && message["checks"].is_object()) {
    const json& c = message["checks"];
    job.checks.skip_all = c.value("skip_all", false);
    job.checks.skip = MANIFOLD_TRY(Strings(c, "skip"));
    if (c.contains("error") && c["error"].is_boolean()) job.checks.error = c["error"].get<bool>();
  }
  job.context_key = message.value("context_key", "");
  if (message.contains("named_context_keys")) {
    const json& named = message["named_context_keys"];
    if (!named.is_object()) return util::Fail(util::ErrorKind::kInvalidArgument, "build job: \"named_context_keys\" is not an object");
    for (const auto& [name, key] : named.items()) {
      if (!key.is_string() || key.get<std::string>().empty()) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "build job: named context {:?} has no key", name);
      }
      job.named_context_keys[name] = key.get<std::string>();
    }
  }
  job.outputs = MANIFOLD_TRY(Strings(message, "outputs"));
  job.tags = MANIFOLD_TRY(Strings(message, "tags"));
  job.push = message.value("push", false);
  job.pull = message.value("pull", false);
  job.no_cache = message.value("no_cache", false);
  job.no_cache_filter = MANIFOLD_TRY(Strings(message, "no_cache_filter"));
  job.cache_from = MANIFOLD_TRY(Strings(message, "cache_from"));
  job.cache_to = MANIFOLD_TRY(Strings(message, "cache_to"));
  job.jobs = message.value("jobs", 0);
  if (message.contains("source_date_epoch") && message["source_date_epoch"].is_number_integer()) {
    job.source_date_epoch = message["source_date_epoch"].get<int64_t>();
  }
  if (message.contains("secrets") && message["secrets"].is_object()) {
    for (const auto& [id, value] : message["secrets"].items()) {
      if (value.is_string()) job.secrets[id] = value.get<std::string>();
    }
  }
  if (message.contains("credentials") && message["credentials"].is_object()) {
    for (const auto& [host, c] : message["credentials"].items()) {
      if (!c.is_object()) continue;
      job.credentials[host] = {c.value("username", ""), c.value("password", ""), c.value("identity_token", "")};
    }
  }
  job.return_blobs = message.value("return_blobs", false);
  return job;
}

json CacheRecordsToJson(const std::vector<std::vector<cache::PortableRecord>>& records) {
  json lists = json::array();
  for (const auto& list : records) {
    json out = json::array();
    for (const auto& record : list) {
      json chain = json::array();
      for (const auto& layer : record.chain) {
        chain.push_back(layer ? json{{"descriptor", image::DescriptorToJson(layer->descriptor)},
                                     {"diff_id", layer->diff_id.str()},
                                     {"uncompressed_size", layer->uncompressed_size}}
                              : json(nullptr));
      }
      out.push_back({{"key", record.key}, {"chain", chain}});
    }
    lists.push_back(out);
  }
  return lists;
}

util::Result<std::vector<std::vector<cache::PortableRecord>>> CacheRecordsFromJson(const json& lists) {
  std::vector<std::vector<cache::PortableRecord>> records;
  if (!lists.is_array()) return util::Fail(util::ErrorKind::kInvalidArgument, "cache_records is not a list");
  for (const auto& list : lists) {
    if (!list.is_array()) return util::Fail(util::ErrorKind::kInvalidArgument, "cache_records holds a non-list");
    auto& out = records.emplace_back();
    for (const auto& r : list) {
      cache::PortableRecord record;
      record.key = r.value("key", "");
      for (const auto& layer : r.value("chain", json::array())) {
        if (layer.is_null()) {
          record.chain.emplace_back();
          continue;
        }
        content::LayerResult l;
        l.descriptor = MANIFOLD_TRY(image::DescriptorFromJson(layer.value("descriptor", json::object()), "cache record layer"));
        l.diff_id = MANIFOLD_TRY(image::Digest::Parse(layer.value("diff_id", "")));
        l.uncompressed_size = layer.value("uncompressed_size", int64_t{0});
        record.chain.emplace_back(std::move(l));
      }
      out.push_back(std::move(record));
    }
  }
  return records;
}

json NodeResultToJson(const NodeResult& result) {
  json platforms = json::array();
  for (const auto& p : result.platforms) {
    json layers = json::array();
    for (const auto& l : p.layer_descriptors) layers.push_back(image::DescriptorToJson(l));
    const auto& t = p.run_steps;
    platforms.push_back({{"platform", image::Format(p.platform)},
                         {"manifest", image::DescriptorToJson(p.manifest)},
                         {"config", image::DescriptorToJson(p.config_descriptor)},
                         {"layers", layers},
                         {"native", p.native},
                         {"run_steps",
                          {{"native_steps", t.native_steps},
                           {"emulated_steps", t.emulated_steps},
                           {"native_seconds", t.native_seconds},
                           {"emulated_seconds", t.emulated_seconds}}}});
  }
  json warnings = json::array();
  for (const auto& w : result.warnings) {
    warnings.push_back({{"rule", w.rule},
                        {"message", w.message},
                        {"platform", image::Format(w.platform)},
                        {"step", w.step},
                        {"files", w.files},
                        {"file_count", w.file_count}});
  }
  return {{"type", "result"},
          {"platforms", platforms},
          {"warnings", warnings},
          {"cache_records", CacheRecordsToJson(result.cache_records)}};
}

util::Result<NodeResult> NodeResultFromJson(const json& message) {
  NodeResult result;
  auto platforms = MANIFOLD_TRY(Field(message, "platforms", json::value_t::array));
  const image::Platform host = image::HostPlatform();
  for (const auto& p : platforms) {
    if (!p.is_object()) return util::Fail(util::ErrorKind::kInvalidArgument, "build result: a platform entry is not an object");
    PlatformResult r;
    r.platform = MANIFOLD_TRY(image::ParsePlatformFlag(p.value("platform", ""), host));
    r.manifest = MANIFOLD_TRY(image::DescriptorFromJson(p.value("manifest", json::object()), "build result manifest"));
    r.manifest.platform = r.platform;
    r.config_descriptor = MANIFOLD_TRY(image::DescriptorFromJson(p.value("config", json::object()), "build result config"));
    r.config = r.config_descriptor.digest;
    for (const auto& l : p.value("layers", json::array())) {
      r.layer_descriptors.push_back(MANIFOLD_TRY(image::DescriptorFromJson(l, "build result layer")));
      r.layers_size += r.layer_descriptors.back().size;
    }
    r.layers = r.layer_descriptors.size();
    r.native = p.value("native", true);
    const json t = p.value("run_steps", json::object());
    r.run_steps = {t.value("native_steps", 0), t.value("emulated_steps", 0), t.value("native_seconds", 0.0),
                   t.value("emulated_seconds", 0.0)};
    result.platforms.push_back(std::move(r));
  }
  for (const auto& w : message.value("warnings", json::array())) {
    CheckWarning warning;
    warning.rule = w.value("rule", "");
    warning.message = w.value("message", "");
    if (auto platform = image::ParsePlatformFlag(w.value("platform", ""), host)) warning.platform = *platform;
    warning.step = w.value("step", "");
    warning.files = w.value("files", std::vector<std::string>{});
    warning.file_count = w.value("file_count", size_t{0});
    result.warnings.push_back(std::move(warning));
  }
  if (message.contains("cache_records")) result.cache_records = MANIFOLD_TRY(CacheRecordsFromJson(message["cache_records"]));
  return result;
}

}  // namespace manifold::builder
