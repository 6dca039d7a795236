// MergeDocument: compose-go's override.Merge and EnforceUnicity for the paths bake reads.
#include "bake/internal/compose_model.hpp"

#include <algorithm>

namespace manifold::bake::internal {
namespace {

bool Matches(const ModelPath& path, std::initializer_list<std::string_view> pattern) {
  if (path.size() != pattern.size()) return false;
  std::size_t i = 0;
  for (std::string_view part : pattern) {
    if (part != "*" && part != path[i]) return false;
    ++i;
  }
  return true;
}

// Compose merges these as KEY=VALUE sequences and keeps the last entry per key, so a later
// `- KEY` (null) replaces an earlier value instead of keeping it.
bool IsKeyedMapping(const ModelPath& path) {
  return Matches(path, {"services", "*", "build", "args"}) ||
         Matches(path, {"services", "*", "build", "labels"}) ||
         Matches(path, {"services", "*", "build", "additional_contexts"}) ||
         Matches(path, {"services", "*", "environment"});
}

bool IsUniqueList(const ModelPath& path) {
  return Matches(path, {"services", "*", "build", "tags"}) ||
         Matches(path, {"services", "*", "build", "extra_hosts"});
}

bool SameScalar(const YamlNode& a, const YamlNode& b) {
  return a.IsScalar() && b.IsScalar() && a.scalar == b.scalar;
}

util::Status MergeValue(YamlNode& base, YamlNode over, ModelPath& path);

// A value with nothing under it to merge with: its `!reset` entries simply go away and its
// `!override` tags mean nothing more.
void DropDirectives(YamlNode& node) {
  node.tag.clear();
  std::erase_if(node.entries, [](const auto& kv) { return kv.second.tag == "!reset"; });
  std::erase_if(node.items, [](const YamlNode& item) { return item.tag == "!reset"; });
  for (auto& [key, value] : node.entries) DropDirectives(value);
  for (YamlNode& item : node.items) DropDirectives(item);
}

util::Status MergeMapping(YamlNode& base, YamlNode over, ModelPath& path) {
  bool keyed = IsKeyedMapping(path);
  for (auto& [key, value] : over.entries) {
    if (value.tag == "!reset") {
      base.Erase(key);
      continue;
    }
    YamlNode* existing = base.Find(key);
    if (existing == nullptr || keyed || value.tag == "!override") {
      DropDirectives(value);
      base.Set(key, std::move(value));
      continue;
    }
    path.push_back(key);
    MANIFOLD_CHECK(MergeValue(*existing, std::move(value), path));
    path.pop_back();
  }
  return {};
}

util::Status MergeValue(YamlNode& base, YamlNode over, ModelPath& path) {
  if (over.IsNull()) return {};
  if (base.IsMapping()) {
    if (!over.IsMapping()) return FailAt(over, "cannot override {}", JoinPath(path));
    return MergeMapping(base, std::move(over), path);
  }
  if (base.IsSequence()) {
    if (!over.IsSequence()) return FailAt(over, "cannot override {}", JoinPath(path));
    bool unique = IsUniqueList(path);
    for (YamlNode& item : over.items) {
      bool seen = unique && std::any_of(base.items.begin(), base.items.end(),
                                        [&](const YamlNode& b) { return SameScalar(b, item); });
      if (seen) continue;
      DropDirectives(item);
      base.items.push_back(std::move(item));
    }
    return {};
  }
  DropDirectives(over);
  base = std::move(over);
  return {};
}

// EnforceUnicity within one file: `tags: [a, a]` keeps one.
void DedupeLists(YamlNode& node, ModelPath& path) {
  if (node.IsSequence() && IsUniqueList(path)) {
    std::vector<YamlNode> kept;
    for (YamlNode& item : node.items) {
      if (std::none_of(kept.begin(), kept.end(),
                       [&](const YamlNode& k) { return SameScalar(k, item); })) {
        kept.push_back(std::move(item));
      }
    }
    node.items = std::move(kept);
    return;
  }
  if (!node.IsMapping() || path.size() > 4) return;
  for (auto& [key, value] : node.entries) {
    path.push_back(key);
    DedupeLists(value, path);
    path.pop_back();
  }
}

}  // namespace

util::Status MergeDocument(YamlNode& model, YamlNode document) {
  ModelPath path;
  DedupeLists(document, path);
  if (model.IsNull()) model.kind = YamlNode::Kind::kMapping;
  return MergeMapping(model, std::move(document), path);
}

util::Status MergeResource(YamlNode& base, YamlNode over, std::string_view section,
                           const std::string& name) {
  ModelPath path = {std::string(section), name};
  DedupeLists(over, path);
  if (base.IsNull()) base.kind = YamlNode::Kind::kMapping;
  return MergeValue(base, std::move(over), path);
}

}  // namespace manifold::bake::internal
