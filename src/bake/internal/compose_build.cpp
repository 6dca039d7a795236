// BuildToTarget: buildx's ParseCompose loop body and composeExtTarget (x-bake), with the
// conversions composeToBuildkitSecret, composeToBuildkitSSH and
// composeToBuildkitNamedContexts.
#include "bake/internal/compose_build.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "bake/internal/compose_target.hpp"
#include "bake/internal/compose_values.hpp"
#include "util/csv.hpp"
#include "util/go_bool.hpp"

namespace manifold::bake::internal {
namespace {

const YamlNode kNull;

const YamlNode& Field(const YamlNode& mapping, std::string_view key) {
  const YamlNode* value = mapping.Find(key);
  return value != nullptr ? *value : kNull;
}

template <typename T>
void SetIfAny(std::optional<T>& field, T value) {
  if (!value.empty()) field = std::move(value);
}

void AppendUnique(std::optional<std::vector<std::string>>& field,
                  const std::vector<std::string>& more) {
  if (more.empty()) return;
  std::vector<std::string>& out = field ? *field : field.emplace();
  for (const std::string& value : more) {
    if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
  }
}

// The key buildx dedupes a secret or ssh spec by: its id= field (secrets) or the part
// before `=` (ssh).
std::string SecretId(const std::string& spec) {
  auto fields = util::SplitCsv(spec);
  if (fields) {
    for (const std::string& field : *fields) {
      if (field.starts_with("id=")) return field.substr(3);
    }
  }
  return spec;
}
std::string SshId(const std::string& spec) { return spec.substr(0, spec.find('=')); }

// buildflags' Secrets/SSHKeys Merge: a later spec with the same id replaces the earlier one
// in its place.
void MergeById(std::optional<std::vector<std::string>>& field, const std::vector<std::string>& more,
               std::string (*id)(const std::string&)) {
  if (more.empty()) return;
  std::vector<std::string>& out = field ? *field : field.emplace();
  for (const std::string& spec : more) {
    auto same = std::find_if(out.begin(), out.end(),
                             [&](const std::string& s) { return id(s) == id(spec); });
    if (same != out.end()) {
      *same = spec;
    } else {
      out.push_back(spec);
    }
  }
}

void SortSsh(std::optional<std::vector<std::string>>& ssh) {
  if (!ssh) return;
  std::stable_sort(ssh->begin(), ssh->end(), [](const std::string& a, const std::string& b) {
    return std::pair(SshId(a), a) < std::pair(SshId(b), b);
  });
}

// composeToBuildkitNamedContexts: a `service:NAME` (or `target:NAME`) context is the target
// built for that service.
std::string NamedContext(const std::string& value) {
  for (std::string_view prefix : {"service:", "target:"}) {
    if (value.starts_with(prefix))
      return "target:" + SanitizeTargetName(value.substr(prefix.size()));
  }
  return value;
}

// x-bake's stringArray: a list, or one string split at whitespace (strings.Fields).
util::Result<std::vector<std::string>> ReadFields(const YamlNode& node, std::string_view path) {
  if (!node.IsScalar()) return ReadStringList(node, path);
  std::vector<std::string> out;
  std::string_view rest = node.scalar;
  while (true) {
    std::size_t start = rest.find_first_not_of(" \t\n\r\v\f");
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    std::size_t end = rest.find_first_of(" \t\n\r\v\f");
    out.emplace_back(rest.substr(0, end));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end);
  }
  return out;
}

util::Status ApplyXBake(const YamlNode& xbake, const std::string& path, Target& t) {
  if (xbake.IsNull()) return {};
  if (!xbake.IsMapping())
    return FailAt(xbake, "{} must be a mapping, not {}", path, KindName(xbake));
  auto list = [&](std::string_view key) -> util::Result<std::vector<std::string>> {
    return ReadFields(Field(xbake, key), fmt::format("{}.{}", path, key));
  };
  AppendUnique(t.tags, MANIFOLD_TRY(list("tags")));
  AppendUnique(t.cache_from, MANIFOLD_TRY(list("cache-from")));
  AppendUnique(t.cache_to, MANIFOLD_TRY(list("cache-to")));
  MergeById(t.secrets, MANIFOLD_TRY(list("secret")), SecretId);
  std::vector<std::string> ssh = MANIFOLD_TRY(list("ssh"));
  MergeById(t.ssh, ssh, SshId);
  if (!ssh.empty()) SortSsh(t.ssh);
  AppendUnique(t.platforms, MANIFOLD_TRY(list("platforms")));
  AppendUnique(t.outputs, MANIFOLD_TRY(list("output")));
  if (const YamlNode* pull = xbake.Find("pull"); pull != nullptr && !pull->IsNull()) {
    t.pull = MANIFOLD_TRY(ReadBool(*pull, path + ".pull"));
  }
  if (const YamlNode* no_cache = xbake.Find("no-cache");
      no_cache != nullptr && !no_cache->IsNull()) {
    t.no_cache = MANIFOLD_TRY(ReadBool(*no_cache, path + ".no-cache"));
  }
  AppendUnique(t.no_cache_filter, MANIFOLD_TRY(list("no-cache-filter")));
  const YamlNode& contexts = Field(xbake, "contexts");
  if (!contexts.IsNull() && !contexts.IsMapping()) {
    return FailAt(contexts, "{}.contexts must be a mapping", path);
  }
  for (const auto& [name, value] : contexts.entries) {
    std::string resolved =
        NamedContext(MANIFOLD_TRY(ReadString(value, path + ".contexts." + name)));
    auto& out = t.contexts ? *t.contexts : t.contexts.emplace();
    out.emplace(name, std::move(resolved));  // buildx's dedupMap: the build's own entry wins
  }
  return {};
}

util::Result<std::vector<std::string>> ReadSecrets(const BuildInput& in, const YamlNode& list,
                                                   const std::string& path) {
  std::vector<std::string> out;
  if (!list.IsNull() && !list.IsSequence()) return FailAt(list, "{} must be a list", path);
  for (const YamlNode& item : list.items) {
    std::string source = MANIFOLD_TRY(ReadString(Field(item, "source"), path + ".source"));
    const YamlNode& secret = Field(in.secrets, source);
    if (const YamlNode* external = secret.Find("external")) {
      bool is_external = external->IsMapping() || MANIFOLD_TRY(ReadBool(*external, "external"));
      if (is_external) return FailAt(item, "unsupported external secret {}", source);
    }
    std::string spec = CsvField("id", source);
    std::string file =
        MANIFOLD_TRY(ReadString(Field(secret, "file"), "secrets." + source + ".file"));
    if (!file.empty()) spec += "," + CsvField("src", ResolveLocalPath(file, in.path_lookup));
    std::string env = MANIFOLD_TRY(
        ReadString(Field(secret, "environment"), "secrets." + source + ".environment"));
    if (!env.empty()) spec += "," + CsvField("env", env);
    out.push_back(std::move(spec));
  }
  return out;
}

util::Result<std::string> ReadAttest(const YamlNode& node, std::string_view type,
                                     const std::string& path) {
  std::string value = MANIFOLD_TRY(ReadString(node, path));
  if (value.empty()) return value;
  if (auto enabled = util::ParseGoBool(value)) {
    return *enabled ? fmt::format("type={}", type) : fmt::format("type={},disabled=true", type);
  }
  return fmt::format("type={},{}", type, value);
}

}  // namespace

util::Result<Target> BuildToTarget(const BuildInput& in) {
  const YamlNode& build = Field(in.service, "build");
  const std::string path = "services." + in.service_name + ".build";
  auto str = [&](std::string_view key) {
    return ReadString(Field(build, key), fmt::format("{}.{}", path, key));
  };
  auto list = [&](std::string_view key) {
    return ReadStringList(Field(build, key), fmt::format("{}.{}", path, key));
  };
  Target t;
  // compose-go's defaults give a build without a context the context ".".
  std::string context = build.Find("context") != nullptr ? MANIFOLD_TRY(str("context")) : ".";
  if (!context.empty()) t.context = ResolveContextPath(context, in.path_lookup);
  if (std::string v = MANIFOLD_TRY(str("dockerfile")); !v.empty()) t.dockerfile = v;
  if (std::string v = MANIFOLD_TRY(str("dockerfile_inline")); !v.empty()) t.dockerfile_inline = v;

  std::map<std::string, std::string> contexts;
  for (const auto& [name, value] : Field(build, "additional_contexts").entries) {
    std::string raw = MANIFOLD_TRY(ReadString(value, path + ".additional_contexts." + name));
    contexts[name] = NamedContext(ResolveContextPath(raw, in.path_lookup));
  }
  SetIfAny(t.contexts, std::move(contexts));

  if (const YamlNode* shm = build.Find("shm_size"); shm != nullptr && !shm->IsNull()) {
    std::int64_t bytes = MANIFOLD_TRY(ReadByteSize(*shm, path + ".shm_size"));
    if (bytes > 0) t.shm_size = FormatBytes(bytes);
  }
  if (std::string v = MANIFOLD_TRY(str("network")); !v.empty()) t.network = v;
  SetIfAny(t.ulimits, MANIFOLD_TRY(ReadUlimits(Field(build, "ulimits"), path + ".ulimits")));

  NullableMap hosts;
  for (auto& [host, ips] :
       MANIFOLD_TRY(ReadExtraHosts(Field(build, "extra_hosts"), path + ".extra_hosts"))) {
    hosts[host] = std::move(ips);
  }
  SetIfAny(t.extra_hosts, std::move(hosts));

  std::vector<std::string> ssh;
  for (const auto& [id, key_path] : Field(build, "ssh").entries) {
    if (key_path.IsNull()) {
      ssh.push_back(id);
    } else {
      std::string p = MANIFOLD_TRY(ReadString(key_path, path + ".ssh." + id));
      ssh.push_back(p.empty() ? id : CsvField(id, ResolveLocalPath(p, in.path_lookup)));
    }
  }
  SetIfAny(t.ssh, std::move(ssh));
  SortSsh(t.ssh);
  SetIfAny(t.secrets, MANIFOLD_TRY(ReadSecrets(in, Field(build, "secrets"), path + ".secrets")));

  NullableMap labels;
  for (const auto& [key, value] : Field(build, "labels").entries) {
    labels[key] = MANIFOLD_TRY(ReadString(value, path + ".labels." + key));
  }
  SetIfAny(t.labels, std::move(labels));
  SetIfAny(t.cache_from, MANIFOLD_TRY(list("cache_from")));
  SetIfAny(t.cache_to, MANIFOLD_TRY(list("cache_to")));

  std::vector<std::string> attest;
  for (std::string_view type : {"sbom", "provenance"}) {
    std::string spec =
        MANIFOLD_TRY(ReadAttest(Field(build, type), type, fmt::format("{}.{}", path, type)));
    if (!spec.empty()) attest.push_back(std::move(spec));
  }
  SetIfAny(t.attest, std::move(attest));

  if (const YamlNode* v = build.Find("no_cache"); v != nullptr && !v->IsNull()) {
    if (MANIFOLD_TRY(ReadBool(*v, path + ".no_cache"))) t.no_cache = true;
  }
  if (const YamlNode* v = build.Find("pull"); v != nullptr && !v->IsNull()) {
    if (MANIFOLD_TRY(ReadBool(*v, path + ".pull"))) t.pull = true;
  }

  NullableMap args;
  for (const auto& [key, value] : Field(build, "args").entries) {
    if (!value.IsNull()) {
      args[key] = value.scalar;
    } else if (auto resolved = in.arg_lookup(key)) {
      args[key] = std::move(*resolved);
    }  // unresolved: buildx's flatten drops it
  }
  SetIfAny(t.args, std::move(args));
  SetIfAny(t.platforms, MANIFOLD_TRY(list("platforms")));
  SetIfAny(t.tags, MANIFOLD_TRY(list("tags")));

  MANIFOLD_CHECK(ApplyXBake(Field(build, "x-bake"), path + ".x-bake", t));
  if (std::string v = MANIFOLD_TRY(str("target")); !v.empty()) t.target = v;
  if (!t.tags || t.tags->empty()) {
    std::string image = MANIFOLD_TRY(
        ReadString(Field(in.service, "image"), "services." + in.service_name + ".image"));
    if (!image.empty()) t.tags = std::vector<std::string>{image};
  }
  return t;
}

}  // namespace manifold::bake::internal
