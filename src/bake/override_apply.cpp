// ApplyOverrides: one target's --set overrides as buildx's AddOverrides, setPushOverride, setLoadOverride.
#include <algorithm>

#include "bake/internal/build_flags.hpp"
#include "bake/overrides.hpp"
#include "util/go_bool.hpp"

namespace manifold::bake {
namespace {

using util::ErrorKind;
using util::Fail;

template <typename T>
std::vector<std::string> ToCsvList(const std::vector<T>& entries) {
  std::vector<std::string> out;
  for (const auto& entry : entries) out.push_back(internal::ToCsv(entry));
  return out;
}

template <typename T, typename Parse>
util::Result<std::vector<T>> ParseExisting(const std::optional<std::vector<std::string>>& list, Parse parse) {
  if (!list) return std::vector<T>{};
  return internal::ParseList<T>(*list, parse);
}

// The value parsers buildx's parseArrValue wraps, with its (shared) error prefix.
template <typename T, typename Parse>
util::Result<std::vector<T>> ParseValues(const std::vector<std::string>& values, Parse parse,
                                         std::string_view what) {
  auto parsed = internal::ParseList<T>(values, parse);
  if (!parsed) return Fail(ErrorKind::kInvalidArgument, "invalid value for {}: {}", what, parsed.error().message());
  return parsed;
}

util::Result<bool> Bool(const std::string& value, std::string_view key) {
  auto parsed = util::ParseGoBool(value);
  if (!parsed) return Fail(ErrorKind::kInvalidArgument, "invalid value {} for boolean key {}", value, key);
  return *parsed;
}

void SetPush(std::vector<internal::ExportEntry>& outputs, bool push) {
  if (!push) {
    for (std::size_t i = 0; i < outputs.size();) {
      if (outputs[i].type == "registry") {
        std::swap(outputs[i], outputs.back());  // buildx's order-changing removal
        outputs.pop_back();
        continue;
      }
      if (outputs[i].type == "image") outputs[i].attrs["push"] = "false";
      ++i;
    }
    return;
  }
  bool only_docker = true;
  for (auto& output : outputs) {
    if (output.type != "docker") only_docker = false;
    if (output.type == "image") output.attrs["push"] = "true";
  }
  if (only_docker) outputs.push_back({"image", {{"push", "true"}}, ""});
}

void SetLoad(std::vector<internal::ExportEntry>& outputs, bool load) {
  if (!load) return;
  for (const auto& output : outputs) {
    if (output.type == "docker") {
      if (output.dest.empty()) return;  // already loads
    } else if (output.type != "image" && output.type != "registry" && output.type != "oci") {
      return;  // a local/tar/... export: leave the outputs alone, as for push
    }
  }
  outputs.push_back({"docker", {}, ""});
}

template <typename T, typename Key>
std::vector<T> MergeKeyed(std::vector<T> base, std::vector<T> newer, Key key) {
  base.insert(base.end(), newer.begin(), newer.end());
  internal::RemoveDupesByKey(base, key);
  return base;
}

template <typename T>
std::vector<T> MergeEqual(std::vector<T> base, std::vector<T> newer) {
  base.insert(base.end(), newer.begin(), newer.end());
  internal::RemoveDupes(base);
  return base;
}

void SetList(std::optional<std::vector<std::string>>& list, const Override& o) {
  if (o.append && list) {
    list->insert(list->end(), o.values.begin(), o.values.end());
  } else {
    list = o.values;
  }
}

void AppendList(std::optional<std::vector<std::string>>& list, const std::vector<std::string>& values) {
  if (!list) list.emplace();
  list->insert(list->end(), values.begin(), values.end());
}

util::Status SetMapEntry(std::optional<NullableMap>& map, const std::vector<std::string>& keys,
                         const std::string& value, std::string_view format) {
  if (keys.size() != 2) return Fail(ErrorKind::kInvalidArgument, "invalid format for {}", format);
  if (!map) map.emplace();
  (*map)[keys[1]] = value;
  return {};
}

// `secret.ID=VALUE` changes where a declared secret comes from (buildx's updateSecret).
util::Status UpdateSecret(Target& target, const std::string& id, const std::string& value) {
  auto secrets = MANIFOLD_TRY(ParseExisting<internal::SecretEntry>(target.secrets, internal::ParseSecret));
  auto it = std::find_if(secrets.begin(), secrets.end(), [&](const auto& s) { return s.id == id; });
  if (it == secrets.end()) {
    return Fail(ErrorKind::kInvalidArgument, "secret \"{}\" must be declared before it can be overridden", id);
  }
  auto next = MANIFOLD_TRY(internal::ParseSecret(value));
  if (!next.id.empty() && next.id != id) {
    return Fail(ErrorKind::kInvalidArgument, "secret override id \"{}\" does not match declared secret \"{}\"",
                next.id, id);
  }
  it->env = next.env;
  it->src = next.src;
  target.secrets = ToCsvList(secrets);
  return {};
}

util::Status ApplyOne(Target& t, const std::string& key, const Override& o,
                      std::map<std::string, std::string>& secret_overrides) {
  auto dot = key.find('.');
  std::vector<std::string> keys{key.substr(0, dot)};
  if (dot != std::string::npos) keys.push_back(key.substr(dot + 1));
  const std::string& kind = keys[0];
  const std::string& value = o.value;
  if (kind == "context") {
    t.context = value;
  } else if (kind == "dockerfile") {
    t.dockerfile = value;
  } else if (kind == "args") {
    MANIFOLD_CHECK(SetMapEntry(t.args, keys, value, "args, expecting args.<name>=<value>"));
  } else if (kind == "labels") {
    MANIFOLD_CHECK(SetMapEntry(t.labels, keys, value, "labels, expecting labels.<name>=<value>"));
  } else if (kind == "extra-hosts") {
    MANIFOLD_CHECK(SetMapEntry(t.extra_hosts, keys, value, "extra-hosts, expecting extra-hosts.<hostname>=<ip>"));
  } else if (kind == "contexts") {
    if (keys.size() != 2) {
      return Fail(ErrorKind::kInvalidArgument, "invalid format for contexts, expecting contexts.<name>=<value>");
    }
    if (!t.contexts) t.contexts.emplace();
    (*t.contexts)[keys[1]] = value;
  } else if (kind == "tags") {
    SetList(t.tags, o);
  } else if (kind == "platform") {
    SetList(t.platforms, o);
  } else if (kind == "no-cache-filter") {
    SetList(t.no_cache_filter, o);
  } else if (kind == "ulimits") {
    SetList(t.ulimits, o);
  } else if (kind == "cache-from" || kind == "cache-to") {
    auto& list = kind == "cache-from" ? t.cache_from : t.cache_to;
    auto parsed = MANIFOLD_TRY(internal::ParseCacheList(o.values));
    if (o.append) {
      parsed = MergeEqual(MANIFOLD_TRY(internal::ParseCacheList(list.value_or(std::vector<std::string>{}))),
                          std::move(parsed));
    }
    list = ToCsvList(parsed);
  } else if (kind == "target") {
    t.target = value;
  } else if (kind == "call") {
    t.call = value;
  } else if (kind == "secret") {
    if (keys.size() != 2) {
      return Fail(ErrorKind::kInvalidArgument, "invalid format for secret, expecting secret.<id>=<value>");
    }
    secret_overrides[keys[1]] = value;
  } else if (kind == "secrets") {
    auto parsed = MANIFOLD_TRY(ParseValues<internal::SecretEntry>(o.values, internal::ParseSecret, "outputs"));
    if (o.append) {
      auto base = MANIFOLD_TRY(ParseExisting<internal::SecretEntry>(t.secrets, internal::ParseSecret));
      parsed = MergeKeyed(std::move(base), std::move(parsed), [](const auto& s) { return s.id; });
    }
    t.secrets = ToCsvList(parsed);
  } else if (kind == "ssh") {
    auto parsed = MANIFOLD_TRY(ParseValues<internal::SshEntry>(
        o.values, [](std::string_view s) -> util::Result<internal::SshEntry> { return internal::ParseSsh(s); },
        "outputs"));
    if (o.append) {
      std::vector<internal::SshEntry> base;
      for (const auto& s : t.ssh.value_or(std::vector<std::string>{})) base.push_back(internal::ParseSsh(s));
      parsed = MergeKeyed(std::move(base), std::move(parsed), [](const auto& s) { return s.id; });
    }
    t.ssh = ToCsvList(parsed);
  } else if (kind == "output") {
    auto parsed = MANIFOLD_TRY(ParseValues<internal::ExportEntry>(o.values, internal::ParseExport, "outputs"));
    if (o.append) {
      parsed = MergeEqual(MANIFOLD_TRY(ParseExisting<internal::ExportEntry>(t.outputs, internal::ParseExport)),
                          std::move(parsed));
    }
    t.outputs = ToCsvList(parsed);
  } else if (kind == "entitlements") {
    AppendList(t.entitlements, o.values);
  } else if (kind == "annotations") {
    AppendList(t.annotations, o.values);
  } else if (kind == "attest") {
    auto parsed = MANIFOLD_TRY(ParseValues<internal::AttestEntry>(o.values, internal::ParseAttest, "attest"));
    auto base = MANIFOLD_TRY(ParseExisting<internal::AttestEntry>(t.attest, internal::ParseAttest));
    t.attest = ToCsvList(MergeKeyed(std::move(base), std::move(parsed), [](const auto& a) { return a.type; }));
  } else if (kind == "no-cache") {
    t.no_cache = MANIFOLD_TRY(Bool(value, kind));
  } else if (kind == "pull") {
    t.pull = MANIFOLD_TRY(Bool(value, kind));
  } else if (kind == "shm-size") {
    t.shm_size = value;
  } else if (kind == "network") {
    // buildx collects network as a list and then reads the (empty) scalar, which sets "";
    // manifold takes the last value, which is what the user asked for.
    t.network = o.values.empty() ? value : o.values.back();
  } else if (kind == "push" || kind == "load") {
    bool on = MANIFOLD_TRY(Bool(value, kind));
    auto outputs = MANIFOLD_TRY(ParseExisting<internal::ExportEntry>(t.outputs, internal::ParseExport));
    if (kind == "push") {
      SetPush(outputs, on);
    } else {
      SetLoad(outputs, on);
    }
    t.outputs = ToCsvList(outputs);
  } else if (kind == "resources" || kind == "policy") {
    return Fail(ErrorKind::kInvalidArgument, "--set {}: {} is not supported by manifold's bake yet", key, kind);
  } else {
    return Fail(ErrorKind::kInvalidArgument, "unknown key: {}", kind);
  }
  return {};
}

}  // namespace

util::Status ApplyOverrides(Target& target, const std::map<std::string, Override>& overrides) {
  std::map<std::string, std::string> secret_overrides;
  for (const auto& [key, o] : overrides) MANIFOLD_CHECK(ApplyOne(target, key, o, secret_overrides));
  for (const auto& [id, value] : secret_overrides) MANIFOLD_CHECK(UpdateSecret(target, id, value));
  return {};
}

}  // namespace manifold::bake
