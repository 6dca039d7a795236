// bake::Target, Group and Config: what bake files (HCL, JSON, Compose) describe, as data.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace manifold::bake {

/// A target's unset list or map read as an empty one (a static: the result may outlive the
/// call's full expression, as in a range-for).
template <typename T>
const T& OrEmpty(const std::optional<T>& value) {
  static const T kEmpty;
  return value ? *value : kEmpty;
}

/// A map attribute whose values may be null (buildx's map[string]*string): `args = { A = null }`
/// leaves A to the Dockerfile's default and, in a merge, keeps what an inherited target set.
using NullableMap = std::map<std::string, std::optional<std::string>>;

/// One `target` block (or Compose service, or JSON "target" entry) with every attribute buildx
/// documents (docs/bake-reference.md). Unset attributes are std::nullopt, which differs from an
/// empty value: a merge (inherits, a later file, --set) only replaces or extends what the
/// newer definition set. List attributes that buildx parses into structures (cache-from,
/// cache-to, output, secret, ssh, attest) are kept as their CSV form ("type=registry,ref=r");
/// an HCL object form (`{type = "registry", ref = "r"}`) is converted to that form when the file
/// is read, keys sorted (cty's object order) except `type` first. Plain data.
struct Target {
  std::string name;
  std::optional<std::string> description;
  /// The targets this one inherits from, in order (later ones win); never overridden by --set.
  std::optional<std::vector<std::string>> inherits;
  std::optional<std::vector<std::string>> annotations;
  std::optional<std::vector<std::string>> attest;
  std::optional<std::string> context;
  /// Named contexts: NAME -> directory, URL, `docker-image://REF`, `target:OTHER`.
  std::optional<std::map<std::string, std::string>> contexts;
  std::optional<std::string> dockerfile;
  std::optional<std::string> dockerfile_inline;
  std::optional<NullableMap> args;
  std::optional<NullableMap> labels;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::vector<std::string>> cache_from;
  std::optional<std::vector<std::string>> cache_to;
  std::optional<std::string> target;  ///< the Dockerfile stage
  std::optional<std::vector<std::string>> secrets;
  std::optional<std::vector<std::string>> ssh;
  std::optional<std::vector<std::string>> platforms;
  std::optional<std::vector<std::string>> outputs;
  std::optional<bool> pull;
  std::optional<bool> no_cache;
  std::optional<std::string> network;
  std::optional<std::vector<std::string>> no_cache_filter;
  std::optional<std::string> shm_size;
  std::optional<std::vector<std::string>> ulimits;
  std::optional<std::string> call;
  std::optional<std::vector<std::string>> entitlements;
  std::optional<NullableMap> extra_hosts;
};

/// One `group` block: the targets (or groups) it names, in order.
struct Group {
  std::string name;
  std::optional<std::string> description;
  std::vector<std::string> targets;
};

/// What one or more files define, in definition order (buildx keeps the order of first
/// definition; a block defined again in a later file is merged into the first).
struct Config {
  std::vector<Group> groups;
  std::vector<Target> targets;

  /// The target or group named `name`, or nullptr.
  const Target* FindTarget(std::string_view name) const;
  Target* FindTarget(std::string_view name);
  const Group* FindGroup(std::string_view name) const;
  Group* FindGroup(std::string_view name);
};

/// Merges `newer` into `base` as buildx's Target.Merge: set scalars replace; args, labels,
/// contexts and extra-hosts merge by key (a null value in `newer` keeps `base`'s); tags,
/// platforms, cache-to, outputs and shm-size replace; annotations, no-cache-filter, ulimits and
/// entitlements append; attest, secrets, ssh and cache-from merge (by type / id / whole value,
/// the newer entry replacing an older one with the same key). `name` and `inherits` are left.
void Merge(Target& base, const Target& newer);

/// Appends `newer`'s groups and targets to `base`, merging blocks of the same name into the
/// first definition's place: a target with Merge (and its `inherits` appended, as buildx's
/// Target.Merge does), a group replaced by the newer one (buildx's HCL reader replaces a group
/// defined again, e.g. a Compose file's "default" by the bake file's).
void MergeConfig(Config& base, const Config& newer);

}  // namespace manifold::bake
