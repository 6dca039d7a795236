// BUILDKIT_PROGRESS, DOCKER_DEFAULT_PLATFORM, SOURCE_DATE_EPOCH, BUILDKIT_INLINE_CACHE, type=gha.
#include "builder/build_env.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

#include "util/go_bool.hpp"

namespace manifold::builder {

namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

std::string EffectiveProgress(bool flag_given, const std::string& flag_value) {
  if (flag_given) return flag_value;
  std::string env = Env("BUILDKIT_PROGRESS");
  return env.empty() ? flag_value : env;
}

std::vector<std::string> EffectivePlatforms(const std::vector<std::string>& flags) {
  if (!flags.empty()) return flags;
  std::string env = Env("DOCKER_DEFAULT_PLATFORM");
  if (env.empty()) return {};
  return {env};
}

util::Status PropagateSourceDateEpoch(std::map<std::string, std::string>& build_args) {
  static constexpr const char* kName = "SOURCE_DATE_EPOCH";
  std::string source = "--build-arg SOURCE_DATE_EPOCH";
  if (!build_args.contains(kName)) {
    const char* env = std::getenv(kName);
    if (env == nullptr) return {};
    build_args[kName] = env;
    source = "the environment's SOURCE_DATE_EPOCH";
  }
  const std::string& value = build_args[kName];
  if (value.empty()) return {};
  int64_t seconds = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || end != value.data() + value.size() || seconds < 0) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "{} {:?} is not a Unix time in seconds (e.g. $(git log -1 --pretty=%ct)); unset it or "
                      "give a number",
                      source, value);
  }
  return {};
}

util::Status ApplyInlineCacheArg(const std::map<std::string, std::string>& build_args,
                                 std::vector<cache::CacheSpec>& cache_to) {
  auto it = build_args.find("BUILDKIT_INLINE_CACHE");
  if (it == build_args.end()) return {};
  auto on = util::ParseGoBool(it->second);
  if (!on) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "--build-arg BUILDKIT_INLINE_CACHE={:?}: use 1 (= --cache-to type=inline) or 0", it->second);
  }
  bool has_inline = std::any_of(cache_to.begin(), cache_to.end(),
                                [](const cache::CacheSpec& s) { return s.type == cache::CacheSpec::Type::kInline; });
  if (*on && !has_inline) cache_to.push_back(MANIFOLD_TRY(cache::ParseCacheTo("type=inline")));
  return {};
}

std::vector<std::string> DropGhaCaches(std::vector<cache::CacheSpec>& specs, const char* flag) {
  std::vector<std::string> warnings;
  std::erase_if(specs, [&](const cache::CacheSpec& spec) {
    if (spec.type != cache::CacheSpec::Type::kGha) return false;
    bool configured = spec.gha_configured || (!Env("ACTIONS_CACHE_URL").empty() && !Env("ACTIONS_RUNTIME_TOKEN").empty());
    warnings.push_back(fmt::format(
        "WARNING: {} {}: {}; building without this cache (use type=registry,ref=REGISTRY/REPO:cache or "
        "type=local for a cache manifold can read and write)",
        flag, spec.raw,
        configured ? "manifold does not implement the GitHub Actions cache service"
                   : "the GitHub Actions cache service is not configured (ACTIONS_CACHE_URL and "
                     "ACTIONS_RUNTIME_TOKEN are unset)"));
    return true;
  });
  return warnings;
}

}  // namespace manifold::builder
