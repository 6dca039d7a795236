// ParseOverrides and FlagOverrides: --set values and flag shorthands as buildx's newOverrides and runBake.
#include "bake/overrides.hpp"

#include <algorithm>

#include "bake/internal/path_match.hpp"
#include "util/csv.hpp"
#include "util/go_bool.hpp"

namespace manifold::bake {
namespace {

using util::ErrorKind;
using util::Fail;

// The keys whose --set values collect into a list (buildx's newOverrides). buildx leaves out
// no-cache-filter and ulimits, so its AddOverrides, which reads them as lists, clears them;
// manifold collects them, as buildx's documentation (they support +=) describes.
bool IsListKey(std::string_view key) {
  static constexpr std::string_view kKeys[] = {"output",       "cache-to", "cache-from",  "tags",
                                               "platform",     "secrets",  "ssh",         "attest",
                                               "entitlements", "network",  "annotations", "policy",
                                               "no-cache-filter", "ulimits"};
  return std::find(std::begin(kKeys), std::end(kKeys), key) != std::end(kKeys);
}

// Splits at `sep` into at most `n` parts, as Go's strings.SplitN.
std::vector<std::string> SplitN(std::string_view text, char sep, std::size_t n) {
  std::vector<std::string> parts;
  while (parts.size() + 1 < n) {
    auto at = text.find(sep);
    if (at == std::string_view::npos) break;
    parts.emplace_back(text.substr(0, at));
    text.remove_prefix(at + 1);
  }
  parts.emplace_back(text);
  return parts;
}

// buildx's expandTargets: an exact target name, else the targets the pattern matches.
util::Result<std::vector<std::string>> ExpandTargets(const Config& config, const std::string& pattern) {
  if (config.FindTarget(pattern)) return std::vector<std::string>{pattern};
  std::vector<std::string> names;
  for (const auto& target : config.targets) {
    auto matched = internal::PathMatch(pattern, target.name);
    if (!matched) {
      return Fail(ErrorKind::kInvalidArgument, "could not match targets with '{}': {}", pattern,
                  matched.error().message());
    }
    if (*matched) names.push_back(target.name);
  }
  if (names.empty()) return Fail(ErrorKind::kInvalidArgument, "could not find any target matching '{}'", pattern);
  return names;
}

bool EnvLookupAllowed(const EnvLookup& env) {
  auto disable = env("BUILDX_BAKE_DISABLE_VARS_ENV_LOOKUP");
  return !(disable && util::ParseGoBool(*disable).value_or(false));
}

// buildx's CanonicalizeAttest: a boolean enables or disables, anything else is attributes.
std::string CanonicalAttest(std::string_view type, const std::string& value) {
  if (auto enabled = util::ParseGoBool(value)) return fmt::format("type={},disabled={}", type, !*enabled);
  return fmt::format("type={},{}", type, value);
}

}  // namespace

util::Result<Overrides> ParseOverrides(const Config& config, const std::vector<std::string>& set_values,
                                       const EnvLookup& env) {
  Overrides out;
  for (const auto& set : set_values) {
    auto parts = SplitN(set, '=', 2);
    bool has_value = parts.size() == 2;
    std::string skey = parts[0];
    bool append = skey.ends_with('+');
    if (append) skey.pop_back();
    auto keys = SplitN(skey, '.', 3);
    if (keys.size() < 2) {
      return Fail(ErrorKind::kInvalidArgument, "invalid override key {}, expected target.name", skey);
    }
    if (!has_value && keys[1] != "args") {
      return Fail(ErrorKind::kInvalidArgument, "invalid override {}, expected target.name=value", set);
    }
    auto names = MANIFOLD_TRY(ExpandTargets(config, keys[0]));
    std::string okey = skey.substr(keys[0].size() + 1);
    const std::string& kind = keys[1];
    for (const auto& name : names) {
      Override override;
      if (auto it = out.find(name); it != out.end() && it->second.contains(okey)) override = it->second.at(okey);
      if (IsListKey(kind)) {
        if (has_value) {
          override.append = append;
          override.values.push_back(parts[1]);
        }
      } else if (kind == "resources" || kind == "secret") {
        if (keys.size() != 3) {
          return Fail(ErrorKind::kInvalidArgument, "invalid key {}, {} requires name", parts[0], kind);
        }
        if (append) {
          return Fail(ErrorKind::kInvalidArgument, "invalid key {}, {} does not support append", parts[0], kind);
        }
        override.value = parts[1];
      } else {
        if ((kind == "args" || kind == "contexts") && keys.size() != 3) {
          return Fail(ErrorKind::kInvalidArgument, "invalid key {}, {} requires name", parts[0], kind);
        }
        if (kind == "args" && !has_value && EnvLookupAllowed(env)) {
          auto from_env = env(keys[2]);
          if (!from_env) continue;  // unset in the environment: no override at all
          override.value = *from_env;
        }
        if (has_value) override.value = parts[1];
      }
      out[name][okey] = std::move(override);
    }
  }
  return out;
}

util::Result<std::vector<std::string>> FlagOverrides(const OverrideFlags& flags) {
  std::vector<std::string> out;
  if (flags.push) out.emplace_back("*.push=true");
  if (flags.load) out.emplace_back("*.load=true");
  if (!flags.call.empty()) {
    // buildx's ParseCallFunc: one bare name plus format=/ignorestatus= fields.
    auto fields = util::SplitCsv(flags.call);
    if (!fields) return std::unexpected(std::move(fields.error()));
    std::string name;
    for (const auto& field : *fields) {
      auto eq = field.find('=');
      if (eq != std::string::npos) {
        std::string key = field.substr(0, eq);
        if (key == "ignorestatus" && !util::ParseGoBool(field.substr(eq + 1))) {
          return Fail(ErrorKind::kInvalidArgument, "invalid ignorestatus print value: {}", field.substr(eq + 1));
        }
        if (key != "format" && key != "ignorestatus") {
          return Fail(ErrorKind::kInvalidArgument, "invalid print field: {}", field);
        }
      } else {
        if (!name.empty()) return Fail(ErrorKind::kInvalidArgument, "invalid print value: {}", flags.call);
        name = field;
      }
    }
    if (name == "check") name = "lint";
    if (name != "build") out.push_back(fmt::format("*.call={}", name));
  }
  if (flags.no_cache) out.push_back(fmt::format("*.no-cache={}", *flags.no_cache));
  if (flags.pull) out.push_back(fmt::format("*.pull={}", *flags.pull));
  if (!flags.sbom.empty()) out.push_back("*.attest=" + CanonicalAttest("sbom", flags.sbom));
  if (!flags.provenance.empty()) out.push_back("*.attest=" + CanonicalAttest("provenance", flags.provenance));
  return out;
}

}  // namespace manifold::bake
