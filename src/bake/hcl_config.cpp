// ReadHclFiles: parse each file, evaluate them together, and gather targets, groups and
// variables as buildx's ParseFiles does for its HCL and JSON files.
#include "bake/hcl_config.hpp"

#include <algorithm>
#include <deque>
#include <map>

#include "bake/internal/json_syntax.hpp"
#include "bake/internal/resolver.hpp"
#include "bake/internal/target_fields.hpp"
#include "hcl/convert.hpp"
#include "hcl/parse.hpp"

namespace manifold::bake {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

util::Result<hcl::File> ParseOne(const DefinitionFile& file) {
  if (EndsWith(file.name, ".json")) return internal::ParseJsonFile(file.data, file.name);
  auto native = hcl::Parse(file.data, file.name);
  if (native || EndsWith(file.name, ".hcl")) return native;
  // buildx tries a file of another name as native syntax, then as JSON, and reports the
  // native syntax's error when both fail.
  auto json = internal::ParseJsonFile(file.data, file.name);
  if (json) return json;
  return native;
}

// A value as `--list variables` shows it (buildx's ParseMeta.AllVariables).
std::string Render(const hcl::Value& value, const std::optional<internal::VarType>& type) {
  if (value.IsNull()) return "<null>";
  if (type) {
    std::string json = internal::MarshalJson(value);
    if (type->kind == internal::VarType::Kind::kString) {
      // buildx trims every surrounding quote (strings.Trim), not just the JSON pair.
      size_t from = json.find_first_not_of('"');
      if (from == std::string::npos) return "";
      size_t to = json.find_last_not_of('"');
      return json.substr(from, to - from + 1);
    }
    return json;
  }
  if (auto s = hcl::ToStringValue(value)) return s->AsString();
  return internal::MarshalJson(value);
}

void AddRenamedGroups(const internal::Resolver& resolver, Config& config) {
  // The names a target block's label stands for, across every block with that label.
  std::vector<std::pair<std::string, std::vector<std::string>>> renamed;
  for (const auto& [block, names] : resolver.BlockNames()) {
    if (block->type != "target") continue;
    const std::string& label = block->labels[0];
    auto it = std::find_if(renamed.begin(), renamed.end(),
                           [&](const auto& r) { return r.first == label; });
    if (it == renamed.end()) {
      renamed.emplace_back(label, std::vector<std::string>());
      it = renamed.end() - 1;
    }
    for (const std::string& n : names) {
      if (std::find(it->second.begin(), it->second.end(), n) == it->second.end()) {
        it->second.push_back(n);
      }
    }
  }
  for (auto& [label, names] : renamed) {
    if (names.size() == 1 && names[0] == label) continue;
    auto g = std::find_if(config.groups.begin(), config.groups.end(),
                          [&](const Group& x) { return x.name == label; });
    if (g == config.groups.end()) {
      config.groups.push_back(Group{label, std::nullopt, std::move(names)});
      continue;
    }
    for (std::string& n : names) {
      if (std::find(g->targets.begin(), g->targets.end(), n) == g->targets.end()) {
        g->targets.push_back(std::move(n));
      }
    }
  }
}

}  // namespace

util::Result<HclConfig> ReadHclFiles(const std::vector<DefinitionFile>& files,
                                     const HclOptions& options) {
  std::deque<hcl::File> parsed;  // the resolver keeps pointers into these bodies
  for (const DefinitionFile& file : files) parsed.push_back(MANIFOLD_TRY(ParseOne(file)));
  internal::Resolver resolver(options);
  for (const hcl::File& file : parsed) MANIFOLD_CHECK(resolver.AddBody(file.body));
  MANIFOLD_CHECK(resolver.Run());

  HclConfig out;
  Config& config = out.config;
  std::map<std::string, size_t> target_index;  // name -> position, for merging repeats
  std::map<std::string, size_t> group_index;
  for (const auto& inst : resolver.Instances()) {
    if (inst->is_target) {
      Target t;
      t.name = inst->name;
      for (const internal::FieldSpec& f : internal::TargetFields()) {
        auto it = inst->values.find(f.name);
        if (it != inst->values.end()) internal::StoreField(t, f, it->second);
      }
      auto [it, inserted] = target_index.emplace(t.name, config.targets.size());
      if (inserted) {
        config.targets.push_back(std::move(t));
      } else {
        Merge(config.targets[it->second], t);
      }
      continue;
    }
    Group g;
    g.name = inst->name;
    if (auto d = inst->values.find("description"); d != inst->values.end() && !d->second.IsNull()) {
      g.description = d->second.AsString();
    }
    if (auto ts = inst->values.find("targets"); ts != inst->values.end() && !ts->second.IsNull()) {
      for (const hcl::Value& v : ts->second.Items()) {
        if (std::find(g.targets.begin(), g.targets.end(), v.AsString()) == g.targets.end()) {
          g.targets.push_back(v.AsString());
        }
      }
    }
    // A group defined again replaces the earlier definition (buildx's Group has no Merge).
    auto [it, inserted] = group_index.emplace(g.name, config.groups.size());
    if (inserted) {
      config.groups.push_back(std::move(g));
    } else {
      config.groups[it->second] = std::move(g);
    }
  }
  AddRenamedGroups(resolver, config);

  for (const auto& [name, def] : resolver.Variables()) {
    VariableInfo info;
    info.name = name;
    info.description = def.description;
    if (def.type) info.type = hcl::FriendlyNameForConstraint(*def.type);
    if (std::optional<hcl::Value> d = resolver.DefaultValue(name); d && !d->IsNull()) {
      info.default_value = Render(*d, def.type);
    }
    const hcl::Value* v = resolver.VariableValue(name);
    info.value = v != nullptr ? Render(*v, def.type) : "<null>";
    out.variables.push_back(std::move(info));
  }
  return out;
}

}  // namespace manifold::bake
