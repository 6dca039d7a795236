// Provenance from the lowered graph, the request and the context's git checkout.
#include "builder/provenance.hpp"

#include <ctime>
#include <random>
#include <unordered_set>

#include <fmt/format.h>

#include "graph/graph_json.hpp"
#include "image/in_toto.hpp"
#include "image/platform_parse.hpp"
#include "util/git_checkout.hpp"
#include "util/git_url.hpp"
#include "util/subprocess.hpp"

namespace manifold::builder {
namespace {

std::string Rfc3339(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// A remote URL may carry a token ("https://user:token@host/…"): provenance is public.
std::string WithoutCredentials(std::string url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  size_t host = scheme + 3;
  size_t at = url.find('@', host);
  size_t slash = url.find('/', host);
  if (at != std::string::npos && (slash == std::string::npos || at < slash)) url.erase(host, at + 1 - host);
  return url;
}

std::map<std::string, std::string> Sha256Of(std::string_view digest) {
  if (!digest.starts_with("sha256:")) return {};
  return {{"sha256", std::string(digest.substr(7))}};
}

// The image and download sources below `root`, each vertex once, in a stable order.
void CollectMaterials(const ProvenanceInputs& inputs, const graph::VertexRef& root, image::SlsaProvenance& out) {
  std::vector<graph::VertexRef> stack;
  if (root) stack.push_back(root);
  std::unordered_set<const graph::Vertex*> seen;
  bool complete = true;
  std::map<std::string, image::SlsaMaterial> materials;  // by URI: sorted, each once
  while (!stack.empty()) {
    graph::VertexRef v = std::move(stack.back());
    stack.pop_back();
    if (!seen.insert(v.get()).second) continue;
    for (const auto& in : v->inputs()) {
      if (in) stack.push_back(in);
    }
    const auto* source = std::get_if<graph::SourceOp>(&v->op());
    if (source == nullptr) continue;
    image::SlsaMaterial m;
    if (source->kind == graph::SourceOp::Kind::kImage) {
      m.uri = image::DockerPackageUrl(source->identifier, source->platform.value_or(image::Platform{}));
      size_t at = source->identifier.find('@');
      if (at != std::string::npos) m.digest = Sha256Of(source->identifier.substr(at + 1));
    } else if (source->kind == graph::SourceOp::Kind::kHttp) {
      m.uri = source->identifier;
      std::optional<std::string> got = inputs.download_digest ? inputs.download_digest(v) : std::nullopt;
      m.digest = Sha256Of(got ? *got : source->checksum);
    } else if (source->kind == graph::SourceOp::Kind::kGit) {
      // ADD of a git repository: the URL (credentials removed), the commit it was at.
      auto url = util::ParseGitUrl(source->identifier);
      m.uri = url ? url->Redacted() : util::WithoutCredentials(source->identifier);
      std::optional<std::string> got = inputs.download_digest ? inputs.download_digest(v) : std::nullopt;
      if (got && got->starts_with("sha1:")) m.digest = {{"sha1", got->substr(5)}};
    } else {
      complete = false;  // local files: their content is not listed as materials
      continue;
    }
    if (m.digest.empty()) complete = false;
    materials.emplace(m.uri, std::move(m));
  }
  for (auto& [uri, m] : materials) out.materials.push_back(std::move(m));
  out.complete_materials = complete;
}

// mode=max: the graph as steps. Shape: {"llbDefinition": [{"id": "stepN", "op": <op JSON as
// sent to build nodes>, "inputs": ["stepM" | "scratch"], "name": "...", "platform": "..."}],
// "digestMapping": {"sha256:<vertex digest>": "stepN"}}, inputs before their users.
nlohmann::json BuildConfig(const graph::VertexRef& root) {
  nlohmann::json graph = graph::GraphToJson({root});
  nlohmann::json steps = nlohmann::json::array();
  nlohmann::json mapping = nlohmann::json::object();
  const auto& vertices = graph["vertices"];
  for (size_t i = 0; i < vertices.size(); ++i) {
    const auto& v = vertices[i];
    nlohmann::json inputs = nlohmann::json::array();
    for (const auto& in : v["inputs"]) {
      int index = in.get<int>();
      inputs.push_back(index < 0 ? std::string("scratch") : fmt::format("step{}", index));
    }
    std::string id = fmt::format("step{}", i);
    steps.push_back({{"id", id}, {"op", v["op"]}, {"inputs", inputs}, {"name", v["name"]}, {"platform", v["platform"]}});
    mapping[v["digest"].get<std::string>()] = id;
  }
  return {{"llbDefinition", steps}, {"digestMapping", mapping}};
}

}  // namespace

std::optional<GitSource> ReadGitSource(const std::filesystem::path& dir) {
  // The usual checkout is read from its files; git runs only where they are not enough.
  const util::GitCheckoutLookup read = util::ReadGitCheckout(dir);
  if (read.kind == util::GitCheckoutLookup::Kind::kNotAWorkTree) return std::nullopt;
  if (read.kind == util::GitCheckoutLookup::Kind::kCheckout) {
    GitSource out;
    out.commit = read.info.commit;
    if (read.info.origin) out.url = WithoutCredentials(*read.info.origin);
    return out;
  }
  auto git = [&](std::vector<std::string> args) -> std::optional<std::string> {
    std::vector<std::string> argv = {"git", "-c", "core.fsmonitor=false", "-C", dir.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto run = util::RunProcess(argv);
    if (!run || run->exit_code != 0) return std::nullopt;
    return Trimmed(run->out);
  };
  // One process for both answers: "true" (or "false" in a .git dir) and the commit; a
  // directory outside any checkout, or a checkout without a commit, fails.
  auto answers = git({"rev-parse", "--is-inside-work-tree", "HEAD"});
  if (!answers) return std::nullopt;
  const size_t newline = answers->find('\n');
  if (newline == std::string::npos || answers->substr(0, newline) != "true") return std::nullopt;
  std::string commit = Trimmed(answers->substr(newline + 1));
  if (commit.empty()) return std::nullopt;
  GitSource out;
  out.commit = std::move(commit);
  if (auto url = git({"remote", "get-url", "origin"})) out.url = WithoutCredentials(*url);
  return out;
}

std::string NewInvocationId() {
  std::random_device random;
  std::string out;
  for (int i = 0; i < 4; ++i) out += fmt::format("{:08x}", static_cast<uint32_t>(random()));
  return out;
}

image::SlsaProvenance MakeProvenance(const ProvenanceInputs& inputs, const image::Platform& platform,
                                     const ProvenanceOptions& options) {
  MANIFOLD_ASSERT(inputs.request != nullptr && inputs.lowered != nullptr, "provenance needs the request and graph");
  const BuildRequest& request = *inputs.request;
  const LoweredBuild& lowered = *inputs.lowered;
  const frontend::dockerfile::PlatformBuild* build = nullptr;
  for (const auto& b : lowered.platforms) {
    if (b.platform == platform) build = &b;
  }
  MANIFOLD_ASSERT(build != nullptr, "provenance for a platform the build did not lower");
  bool max = options.mode == ProvenanceMode::kMax;

  image::SlsaProvenance p;
  p.builder_id = options.builder_id;
  p.build_type = std::string(kManifoldBuildType);
  p.entry_point = lowered.dockerfile_name;
  p.platform = image::Format(platform);
  p.invocation_id = inputs.invocation_id;
  p.started_on = Rfc3339(inputs.started);
  p.finished_on = Rfc3339(inputs.finished);
  p.reproducible = request.source_date_epoch.has_value();
  p.complete_environment = true;
  p.complete_parameters = max;
  nlohmann::json parameters = {{"frontend", "dockerfile"},
                               {"locals", nlohmann::json::array({{{"name", "context"}}, {{"name", "dockerfile"}}})}};
  if (!lowered.dockerfile_digest.empty()) {
    parameters["dockerfile"] = {{"name", lowered.dockerfile_name}, {"digest", Sha256Of(lowered.dockerfile_digest)}};
  }
  if (max) {
    // BuildKit's spelling of the frontend options, so existing readers find them.
    nlohmann::json args = nlohmann::json::object();
    for (const auto& [name, value] : request.build_args) args["build-arg:" + name] = value;
    for (const auto& [name, value] : request.labels) args["label:" + name] = value;
    if (!request.target.empty()) args["target"] = request.target;
    parameters["args"] = std::move(args);
  }
  p.parameters = std::move(parameters);
  if (inputs.git) {
    p.config_uri = inputs.git->url;
    p.config_digest = {{"sha1", inputs.git->commit}};
    nlohmann::json vcs = {{"revision", inputs.git->commit}};
    if (!inputs.git->url.empty()) vcs["source"] = inputs.git->url;
    p.vendor_metadata["vcs"] = std::move(vcs);
  }
  CollectMaterials(inputs, build->root, p);
  if (max) p.build_config = BuildConfig(build->root);
  return p;
}

std::string_view ProvenancePredicateType(SlsaVersion version) {
  return version == SlsaVersion::kV1 ? image::kSlsaV1PredicateType : image::kSlsaV02PredicateType;
}

nlohmann::json ProvenancePredicate(const image::SlsaProvenance& provenance, SlsaVersion version) {
  return version == SlsaVersion::kV1 ? image::SlsaV1Predicate(provenance) : image::SlsaV02Predicate(provenance);
}

}  // namespace manifold::builder
