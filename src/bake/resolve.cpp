// ResolveTargets: buildx's ReadTargets after parsing (matchNames, ResolveGroup, ResolveTarget, loadLinks).
#include "bake/resolve.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "bake/internal/normalize.hpp"
#include "bake/internal/path_match.hpp"
#include "bake/overrides.hpp"
#include "bake/remote_definition.hpp"

namespace manifold::bake {
namespace {

using util::ErrorKind;
using util::Fail;

void Dedup(std::vector<std::string>& list) {
  std::set<std::string> seen;
  std::erase_if(list, [&](const std::string& s) { return !seen.insert(s).second; });
}

util::Status ValidateName(const std::string& name) {
  bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-';
  });
  if (!valid) {
    return Fail(ErrorKind::kInvalidArgument, "invalid target name {:?}: only \"[a-zA-Z0-9_-]+\" are allowed", name);
  }
  return {};
}

// buildx's matchNames: a name without pattern characters is taken as is; a pattern must match
// some group or target (a malformed pattern matches nothing).
util::Result<std::vector<std::string>> MatchNames(const Config& config, const std::string& pattern) {
  if (pattern.find_first_of("*?[]") == std::string::npos) return std::vector<std::string>{pattern};
  std::vector<std::string> names;
  auto add = [&](const std::string& name) {
    auto matched = internal::PathMatch(pattern, name);
    if (matched && *matched) names.push_back(name);
  };
  for (const auto& group : config.groups) add(group.name);
  for (const auto& target : config.targets) add(target.name);
  if (names.empty()) return Fail(ErrorKind::kInvalidArgument, "could not find any target matching {:?}", pattern);
  return names;
}

class Resolver {
 public:
  Resolver(const Config& config, const Overrides& overrides) : config_(config), overrides_(overrides) {}

  // buildx's group(): the targets and groups `name` stands for.
  std::pair<std::vector<std::string>, std::vector<std::string>> Group(
      const std::string& name, std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>>& visited) {
    if (auto it = visited.find(name); it != visited.end()) return it->second;
    const bake::Group* group = config_.FindGroup(name);
    if (!group) return {{name}, {}};
    visited[name] = {};  // a cycle back here contributes its bare name, as in buildx
    std::vector<std::string> targets;
    std::vector<std::string> groups{name};
    for (const auto& member : group->targets) {
      auto [t, g] = Group(member, visited);
      if (t.empty()) {
        targets.push_back(member);
      } else {
        targets.insert(targets.end(), t.begin(), t.end());
      }
      groups.insert(groups.end(), g.begin(), g.end());
    }
    visited[name] = {targets, groups};
    return {targets, groups};
  }

  util::Result<Target> ResolveTarget(const std::string& name) {
    std::map<std::string, std::optional<Target>> visited;
    auto resolved = MANIFOLD_TRY(Resolve(name, visited));
    Target t = std::move(*resolved);
    t.inherits.reset();
    if (!t.context) t.context = ".";
    if (!t.dockerfile || t.dockerfile->empty()) t.dockerfile = "Dockerfile";
    return t;
  }

 private:
  // buildx's target(): nullopt for a target already being resolved (an inherits cycle).
  util::Result<std::optional<Target>> Resolve(const std::string& name,
                                              std::map<std::string, std::optional<Target>>& visited) {
    if (auto it = visited.find(name); it != visited.end()) return it->second;
    visited[name] = std::nullopt;
    const Target* own = config_.FindTarget(name);
    if (!own) return Fail(ErrorKind::kNotFound, "failed to find target {}", name);
    MANIFOLD_CHECK(ValidateName(name));
    Target parents;
    for (const auto& parent_name : own->inherits.value_or(std::vector<std::string>{})) {
      auto parent = MANIFOLD_TRY(Resolve(parent_name, visited));
      if (parent) Merge(parents, *parent);
    }
    Target t;
    t.name = name;
    Merge(t, parents);
    Merge(t, *own);
    util::Status status;
    if (auto it = overrides_.find(name); it != overrides_.end()) status = ApplyOverrides(t, it->second);
    if (status) status = internal::Normalize(t);
    if (!status) return std::unexpected(std::move(status.error()).Context("target {:?}", name));
    visited[name] = t;
    return std::optional<Target>(std::move(t));
  }

  const Config& config_;
  const Overrides& overrides_;
};

std::string JoinGo(const std::vector<std::string>& list) {
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? " " : "") + list[i];
  return out + "]";
}

util::Status LoadLinks(Resolver& resolver, const std::string& name, std::map<std::string, Target>& targets,
                       std::vector<std::string> visited, std::set<std::string>& linked) {
  visited.push_back(name);
  if (!targets.at(name).contexts) return {};
  auto contexts = *targets.at(name).contexts;  // copied: `targets` grows below
  for (const auto& [key, value] : contexts) {
    if (!value.starts_with("target:")) continue;
    std::string other = value.substr(7);
    if (other == name) return Fail(ErrorKind::kInvalidArgument, "target {} cannot link to itself", other);
    if (std::find(visited.begin(), visited.end(), other) != visited.end()) {
      return Fail(ErrorKind::kInvalidArgument, "infinite loop from {} to {}", name, other);
    }
    if (!targets.contains(other)) {
      Target t2 = MANIFOLD_TRY(resolver.ResolveTarget(other));
      t2.outputs = std::vector<std::string>{"type=cacheonly"};
      targets.emplace(other, std::move(t2));
      linked.insert(other);
    }
    MANIFOLD_CHECK(LoadLinks(resolver, other, targets, visited, linked));
    Target& t = targets.at(name);
    const Target& t2 = targets.at(other);
    // Entitlements a linked target needs are needed by the build that uses it.
    for (const auto& e : t2.entitlements.value_or(std::vector<std::string>{})) {
      if (!t.entitlements) t.entitlements.emplace();
      if (std::find(t.entitlements->begin(), t.entitlements->end(), e) == t.entitlements->end()) {
        t.entitlements->push_back(e);
      }
    }
    const auto& mine = t.platforms.value_or(std::vector<std::string>{});
    const auto& theirs = t2.platforms.value_or(std::vector<std::string>{});
    if (mine.size() > 1 && theirs.size() > 1) {
      for (const auto& p : mine) {
        if (std::find(theirs.begin(), theirs.end(), p) == theirs.end()) {
          return Fail(ErrorKind::kInvalidArgument,
                      "target {} can't be used by {} because its platforms {} are not a subset of {}", other, name,
                      JoinGo(mine), JoinGo(theirs));
        }
      }
    }
  }
  return {};
}

}  // namespace

util::Result<Resolved> ResolveTargets(const Config& config, const std::vector<std::string>& requested,
                                      const std::vector<std::string>& set_values, const ResolveOptions& options) {
  std::vector<std::string> names;
  for (std::string name : requested.empty() ? std::vector<std::string>{"default"} : requested) {
    std::replace(name.begin(), name.end(), '.', '_');  // Compose service names may hold dots
    auto matched = MANIFOLD_TRY(MatchNames(config, name));
    names.insert(names.end(), matched.begin(), matched.end());
  }
  Dedup(names);

  Overrides overrides = MANIFOLD_TRY(ParseOverrides(config, set_values, options.env));
  Resolver resolver(config, overrides);
  std::map<std::string, Target> targets;
  std::map<std::string, bake::Group> groups;
  for (const auto& name : names) {
    std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> visited;
    auto [target_names, group_names] = resolver.Group(name, visited);
    Dedup(target_names);
    Dedup(group_names);
    for (const auto& target_name : target_names) {
      if (!targets.contains(target_name)) targets.emplace(target_name, MANIFOLD_TRY(resolver.ResolveTarget(target_name)));
    }
    for (const auto& group_name : group_names) {
      if (groups.contains(group_name)) continue;
      bake::Group group = *config.FindGroup(group_name);
      MANIFOLD_CHECK(ValidateName(group.name));
      Dedup(group.targets);
      groups.emplace(group_name, std::move(group));
    }
  }

  // The requested names form the "default" group, unless "default" itself was a group asked for.
  for (const auto& name : names) {
    if (groups.contains("default") && name == "default") continue;
    auto [it, created] = groups.try_emplace("default");
    if (created) it->second.name = "default";
    it->second.targets.push_back(name);
  }
  if (auto it = groups.find("default"); it != groups.end()) {
    Dedup(it->second.targets);
    std::sort(it->second.targets.begin(), it->second.targets.end());
  }

  std::set<std::string> linked;
  std::vector<std::string> roots;
  for (const auto& [name, target] : targets) roots.push_back(name);
  for (const auto& name : roots) MANIFOLD_CHECK(LoadLinks(resolver, name, targets, {}, linked));

  Resolved out;
  for (auto& [name, group] : groups) out.groups.push_back(std::move(group));
  for (auto& [name, target] : targets) {
    if (!options.remote_url.empty()) {
      if (auto used = UseRemoteDefinition(target, options.remote_url); !used) {
        return std::unexpected(std::move(used.error()).Context("target {:?}", name));
      }
    }
    internal::CleanContextForBuild(target);
    out.targets.push_back(std::move(target));
  }
  out.linked.assign(linked.begin(), linked.end());
  return out;
}

}  // namespace manifold::bake
