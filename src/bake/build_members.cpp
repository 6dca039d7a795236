// ToBuildSetMembers: each target's attributes parsed with the parsers `manifold build` uses.
#include "bake/build_members.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "bake/internal/normalize.hpp"
#include "builder/attest_options.hpp"
#include "builder/attestations.hpp"
#include "builder/build_contexts.hpp"
#include "builder/build_env.hpp"
#include "builder/platform_flags.hpp"
#include "cache/cache_spec.hpp"
#include "exporter/annotations.hpp"
#include "exporter/output_spec.hpp"
#include "frontend/dockerfile/run_environment.hpp"

namespace manifold::bake {

namespace {

std::string StripCwd(const std::string& path) { return path.starts_with("cwd://") ? path.substr(6) : path; }

// args and labels: a null value is left to the Dockerfile (buildx drops it).
std::map<std::string, std::string> WithoutNulls(const std::optional<NullableMap>& map) {
  std::map<std::string, std::string> out;
  if (!map) return out;
  for (const auto& [key, value] : *map) {
    if (value) out[key] = *value;
  }
  return out;
}

util::Status FillInputs(const Target& t, builder::BuildRequest& req) {
  std::string context = t.context.value_or(".");
  if (context == "-") return util::Fail(util::ErrorKind::kInvalidArgument, "context from stdin not allowed in bake");
  const bool dockerfile_cwd = t.dockerfile && t.dockerfile->starts_with("cwd://");
  std::string dockerfile = StripCwd(t.dockerfile.value_or("Dockerfile"));
  if (dockerfile == "-") {
    return util::Fail(util::ErrorKind::kInvalidArgument, "dockerfile from stdin not allowed in bake");
  }
  context = StripCwd(context);
  req.context_dir = context;
  if (t.dockerfile_inline) {
    req.dockerfile = "-";
    req.dockerfile_text = *t.dockerfile_inline;
    req.dockerfile_name = "inline Dockerfile";
  } else if (internal::IsRemoteContext(context) && !dockerfile_cwd) {
    // Found inside the fetched context by ResolveBuildContext ("" = its Dockerfile).
    req.dockerfile = t.dockerfile ? dockerfile : "";
  } else if (dockerfile_cwd) {
    // Local to the command even beside a remote context, where a relative -f would name a file
    // inside the fetched one.
    req.dockerfile = std::filesystem::absolute(dockerfile).lexically_normal().string();
    req.dockerfile_name = dockerfile;
  } else if (std::filesystem::path(dockerfile).is_absolute()) {
    req.dockerfile = dockerfile;
  } else {
    req.dockerfile = (std::filesystem::path(context) / dockerfile).lexically_normal().string();
  }
  return {};
}

util::Status FillOutputs(const Target& t, builder::BuildRequest& req, std::vector<std::string>& warnings) {
  for (const auto& value : OrEmpty(t.outputs)) {
    req.outputs.push_back(MANIFOLD_TRY(exporter::ParseOutputSpec(value)));
  }
  for (const auto& value : OrEmpty(t.cache_from)) {
    auto spec = cache::ParseCacheFrom(value);
    if (!spec) return std::unexpected(std::move(spec.error()).Context("cache-from"));
    req.cache_from.push_back(std::move(*spec));
  }
  for (const auto& value : OrEmpty(t.cache_to)) {
    auto spec = cache::ParseCacheTo(value);
    if (!spec) return std::unexpected(std::move(spec.error()).Context("cache-to"));
    req.cache_to.push_back(std::move(*spec));
  }
  for (auto& w : builder::DropGhaCaches(req.cache_from, "cache-from")) warnings.push_back(fmt::format("{}: {}", t.name, w));
  for (auto& w : builder::DropGhaCaches(req.cache_to, "cache-to")) warnings.push_back(fmt::format("{}: {}", t.name, w));
  for (const auto& value : OrEmpty(t.annotations)) {
    auto parsed = exporter::ParseAnnotationFlag(value);
    if (!parsed) return std::unexpected(std::move(parsed.error()).Context("annotations"));
    exporter::MergeAnnotations(req.annotations, *parsed);
  }
  return {};
}

util::Status FillRunEnvironment(const Target& t, const MemberDefaults& defaults, builder::BuildRequest& req) {
  frontend::dockerfile::RunEnvironmentFlags flags;
  flags.network = t.network.value_or("");
  if (t.extra_hosts) {
    for (const auto& [host, ip] : *t.extra_hosts) {
      if (ip) flags.add_hosts.push_back(host + "=" + *ip);
    }
  }
  flags.ulimits = OrEmpty(t.ulimits);
  flags.shm_size = t.shm_size.value_or("");
  // fs, ssh and image entitlements are bake's own, checked before the build; the others reach
  // the steps, where one manifold does not give (devices, a misspelling) is refused.
  for (const auto& entry : OrEmpty(t.entitlements)) {
    const std::string key = entry.substr(0, entry.find('='));
    if (key == "fs" || key == "fs.read" || key == "fs.write" || key == "ssh" || key == "image" ||
        key == "image.push" || key == "image.load") {
      continue;
    }
    flags.allow.push_back(entry);
  }
  flags.allow.insert(flags.allow.end(), defaults.allow.begin(), defaults.allow.end());
  req.run_env = MANIFOLD_TRY(frontend::dockerfile::ParseRunEnvironment(flags));
  return {};
}

util::Result<builder::BuildSetMember> ToMember(const Target& t, const MemberDefaults& defaults,
                                               std::vector<std::string>& warnings) {
  builder::BuildSetMember member;
  member.name = t.name;
  builder::BuildRequest& req = member.request;
  req.root = defaults.root;
  req.progress = defaults.progress;
  req.jobs = defaults.jobs;
  req.builder = defaults.builder;
  MANIFOLD_CHECK(FillInputs(t, req));
  req.build_args = WithoutNulls(t.args);
  req.labels = WithoutNulls(t.labels);
  req.tags = OrEmpty(t.tags);
  req.target = t.target.value_or("");
  req.platforms = MANIFOLD_TRY(builder::ParsePlatformFlags(OrEmpty(t.platforms), "platforms"));
  req.no_cache = t.no_cache.value_or(false);
  req.no_cache_filter = OrEmpty(t.no_cache_filter);
  req.pull = t.pull.value_or(false);
  req.secrets = OrEmpty(t.secrets);
  req.ssh = OrEmpty(t.ssh);
  MANIFOLD_CHECK(FillOutputs(t, req, warnings));
  MANIFOLD_CHECK(FillRunEnvironment(t, defaults, req));
  for (const auto& [name, value] : OrEmpty(t.contexts)) {
    if (value.starts_with("target:")) continue;  // a link, resolved by the caller
    auto [key, spec] = MANIFOLD_TRY(builder::ParseBuildContextFlag(name + "=" + StripCwd(value)));
    req.build_contexts.emplace(std::move(key), std::move(spec));
  }
  MANIFOLD_CHECK(builder::PropagateSourceDateEpoch(req.build_args));
  MANIFOLD_CHECK(builder::ApplyInlineCacheArg(req.build_args, req.cache_to));
  builder::AttestFlags attest;
  attest.attest = OrEmpty(t.attest);
  attest.no_default_env = defaults.no_default_attestations;
  req.attest = MANIFOLD_TRY(builder::ParseAttestFlags(attest));
  MANIFOLD_CHECK(builder::CheckAttestationsSupported(req));
  return member;
}

}  // namespace

util::Result<std::vector<builder::BuildSetMember>> ToBuildSetMembers(const std::vector<Target>& targets,
                                                                     const MemberDefaults& defaults,
                                                                     std::vector<std::string>& warnings) {
  std::vector<builder::BuildSetMember> members;
  for (const auto& t : targets) {
    auto member = ToMember(t, defaults, warnings);
    if (!member) return std::unexpected(std::move(member.error()).Context("target {:?}", t.name));
    members.push_back(std::move(*member));
  }
  for (size_t i = 0; i < targets.size(); ++i) {
    for (const auto& [name, value] : OrEmpty(targets[i].contexts)) {
      if (!value.starts_with("target:")) continue;
      const std::string linked = value.substr(7);
      auto it = std::find_if(targets.begin(), targets.end(), [&](const Target& t) { return t.name == linked; });
      if (it == targets.end()) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "target {:?}: contexts: {}={}: there is no target {:?}",
                          targets[i].name, name, value, linked);
      }
      auto key = builder::NamedContextKey(name);
      if (!key) return std::unexpected(std::move(key.error()).Context("target {:?}: contexts: {}", targets[i].name, name));
      members[i].links[*key] = static_cast<size_t>(it - targets.begin());
    }
  }
  return members;
}

}  // namespace manifold::bake
