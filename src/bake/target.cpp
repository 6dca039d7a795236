// Config lookups and the merge rules of buildx's Target.Merge and mergeConfig.
#include "bake/target.hpp"

#include <algorithm>

#include "bake/internal/build_flags.hpp"

namespace manifold::bake {
namespace {

template <typename T>
void Replace(std::optional<T>& base, const std::optional<T>& newer) {
  if (newer) base = newer;
}

void Append(std::optional<std::vector<std::string>>& base,
            const std::optional<std::vector<std::string>>& newer) {
  if (!newer) return;
  if (!base) base.emplace();
  base->insert(base->end(), newer->begin(), newer->end());
}

// A null value in `newer` keeps what `base` has (buildx skips nil map entries in a merge).
void MergeNullable(std::optional<NullableMap>& base, const std::optional<NullableMap>& newer) {
  if (!newer) return;
  for (const auto& [key, value] : *newer) {
    if (!value) continue;
    if (!base) base.emplace();
    (*base)[key] = value;
  }
}

// Appends and keeps one entry per key (the later one, at the earlier one's place). An entry
// that does not parse is its own key; resolution reports it.
template <typename KeyFn>
void MergeByKey(std::optional<std::vector<std::string>>& base,
                const std::optional<std::vector<std::string>>& newer, KeyFn key) {
  if (!newer) return;
  Append(base, newer);
  internal::RemoveDupesByKey(*base, key);
}

std::string AttestKey(const std::string& text) {
  auto parsed = internal::ParseAttest(text);
  return parsed ? parsed->type : "\x01" + text;
}

std::string SecretKey(const std::string& text) {
  auto parsed = internal::ParseSecret(text);
  return parsed ? parsed->id : "\x01" + text;
}

std::string SshKey(const std::string& text) { return internal::ParseSsh(text).id; }

// A cache entry compared as buildx compares parsed entries; raw text when it does not parse.
struct CacheValue {
  std::string raw;
  std::optional<internal::CacheEntry> parsed;
  bool operator==(const CacheValue& other) const {
    if (parsed && other.parsed) return *parsed == *other.parsed;
    return raw == other.raw;
  }
};

void MergeCache(std::optional<std::vector<std::string>>& base,
                const std::optional<std::vector<std::string>>& newer) {
  if (!newer) return;
  Append(base, newer);
  std::vector<CacheValue> values;
  for (auto& raw : *base) {
    auto parsed = internal::ParseCache(raw);
    values.push_back({raw, parsed ? std::optional(*parsed) : std::nullopt});
  }
  internal::RemoveDupes(values);
  base->clear();
  for (auto& value : values) base->push_back(std::move(value.raw));
}

template <typename T>
auto FindByName(std::vector<T>& list, std::string_view name) -> T* {
  auto it = std::find_if(list.begin(), list.end(), [&](const T& item) { return item.name == name; });
  return it == list.end() ? nullptr : &*it;
}

}  // namespace

const Target* Config::FindTarget(std::string_view name) const {
  return const_cast<Config*>(this)->FindTarget(name);
}
Target* Config::FindTarget(std::string_view name) { return FindByName(targets, name); }
const Group* Config::FindGroup(std::string_view name) const {
  return const_cast<Config*>(this)->FindGroup(name);
}
Group* Config::FindGroup(std::string_view name) { return FindByName(groups, name); }

void Merge(Target& base, const Target& newer) {
  Replace(base.context, newer.context);
  Replace(base.dockerfile, newer.dockerfile);
  Replace(base.dockerfile_inline, newer.dockerfile_inline);
  MergeNullable(base.args, newer.args);
  if (newer.contexts) {
    if (!base.contexts) base.contexts.emplace();
    for (const auto& [key, value] : *newer.contexts) (*base.contexts)[key] = value;
  }
  MergeNullable(base.labels, newer.labels);
  Replace(base.tags, newer.tags);
  Replace(base.target, newer.target);
  Replace(base.call, newer.call);
  Append(base.annotations, newer.annotations);
  MergeByKey(base.attest, newer.attest, AttestKey);
  MergeByKey(base.secrets, newer.secrets, SecretKey);
  MergeByKey(base.ssh, newer.ssh, SshKey);
  Replace(base.platforms, newer.platforms);
  MergeCache(base.cache_from, newer.cache_from);
  Replace(base.cache_to, newer.cache_to);
  Replace(base.outputs, newer.outputs);
  Replace(base.pull, newer.pull);
  Replace(base.no_cache, newer.no_cache);
  Replace(base.network, newer.network);
  Append(base.no_cache_filter, newer.no_cache_filter);
  Replace(base.shm_size, newer.shm_size);
  Append(base.ulimits, newer.ulimits);
  if (newer.description && !newer.description->empty()) base.description = newer.description;
  Append(base.entitlements, newer.entitlements);
  MergeNullable(base.extra_hosts, newer.extra_hosts);
}

void MergeConfig(Config& base, const Config& newer) {
  for (const auto& group : newer.groups) {
    Group* existing = base.FindGroup(group.name);
    if (!existing) {
      base.groups.push_back(group);
      continue;
    }
    *existing = group;
  }
  for (const auto& target : newer.targets) {
    Target* existing = base.FindTarget(target.name);
    if (!existing) {
      base.targets.push_back(target);
      continue;
    }
    Merge(*existing, target);
    // buildx's Merge appends inherits; a later file's parents come after the earlier ones.
    if (target.inherits) {
      if (!existing->inherits) existing->inherits.emplace();
      existing->inherits->insert(existing->inherits->end(), target.inherits->begin(), target.inherits->end());
    }
  }
}

}  // namespace manifold::bake
