// ApplyInclude: compose-go's loader/include.go — the top-level `include` of a Compose file.
#include <algorithm>
#include <optional>

#include "bake/internal/compose_files.hpp"
#include "bake/internal/compose_model.hpp"
#include "bake/internal/dotenv.hpp"

namespace manifold::bake::internal {
namespace {

namespace fs = std::filesystem;

struct NamedPath {
  std::string path;
  const YamlNode* at;
};

struct IncludeEntry {
  std::vector<NamedPath> paths;
  std::optional<NamedPath> project_directory;
  std::vector<NamedPath> env_files;
};

util::Result<std::vector<NamedPath>> PathList(const YamlNode& node, std::string_view key) {
  std::vector<NamedPath> out;
  if (node.IsScalar()) {
    out.push_back({node.scalar, &node});
  } else if (node.IsSequence()) {
    for (const YamlNode& item : node.items) {
      if (!item.IsScalar()) return FailAt(item, "include.{} entries must be paths", key);
      out.push_back({item.scalar, &item});
    }
  } else if (!node.IsNull()) {
    return FailAt(node, "include.{} must be a path or a list of paths, not {}", key,
                  KindName(node));
  }
  for (const NamedPath& p : out) {
    if (p.path.empty()) return FailAt(*p.at, "include.{}: a path must not be empty", key);
  }
  return out;
}

// The short form is a path; the long form compose-go's types.IncludeConfig.
util::Result<IncludeEntry> ReadEntry(const YamlNode& item) {
  IncludeEntry entry;
  if (item.IsScalar()) {
    entry.paths = MANIFOLD_TRY(PathList(item, "path"));
    return entry;
  }
  if (!item.IsMapping()) {
    return FailAt(item, "include entries must be a path or a mapping with path, not {}",
                  KindName(item));
  }
  for (const auto& [key, value] : item.entries) {
    if (key == "path") {
      entry.paths = MANIFOLD_TRY(PathList(value, key));
    } else if (key == "env_file") {
      entry.env_files = MANIFOLD_TRY(PathList(value, key));
    } else if (key == "project_directory") {
      if (!value.IsScalar() || value.scalar.empty()) {
        return FailAt(value, "include.project_directory must be a directory path");
      }
      entry.project_directory = NamedPath{value.scalar, &value};
    } else if (!key.starts_with("x-")) {
      return FailAt(value,
                    "include: unknown key '{}' (an entry has path, project_directory "
                    "and env_file)",
                    key);
    }
  }
  if (entry.paths.empty()) return FailAt(item, "include entry without a path");
  return entry;
}

fs::path Under(const fs::path& dir, const std::string& path) {
  return (dir / path).lexically_normal();
}

// The variables an included project sees: the includer's, then its env_file files (or the project
// directory's .env) for names those leave unset (types.Mapping.Merge).
util::Result<EnvEntries> IncludeEnv(const IncludeEntry& entry, const fs::path& project_dir,
                                    const ComposeScope& scope, const VariableLookup& lookup,
                                    const ComposeFiles& files, const YamlNode& at) {
  std::vector<std::pair<fs::path, const YamlNode*>> paths;
  if (entry.env_files.empty()) {
    fs::path dotenv = Under(project_dir, ".env");
    std::error_code ec;
    if (fs::is_regular_file(files.OnDisk(dotenv), ec)) paths.emplace_back(dotenv, &at);
  }
  for (const NamedPath& file : entry.env_files) {
    if (file.path == "/dev/null") continue;
    paths.emplace_back(Under(scope.ref_dir, file.path), file.at);
  }
  EnvEntries env;
  VariableLookup env_lookup = [&](std::string_view name) -> std::optional<std::string> {
    if (auto value = lookup(name)) return value;
    for (const auto& [k, v] : env) {
      if (k == name) return v;
    }
    return std::nullopt;
  };
  for (const auto& [path, node] : paths) {
    std::string text = MANIFOLD_TRY(files.ReadText(path, *node));
    auto parsed = ParseDotEnv(text, env_lookup);
    if (!parsed) return std::unexpected(std::move(parsed.error()).Context("{}", path.string()));
    for (auto& [key, value] : *parsed) {
      auto same =
          std::find_if(env.begin(), env.end(), [&](const auto& kv) { return kv.first == key; });
      if (same != env.end()) {
        same->second = std::move(value);
      } else {
        env.emplace_back(key, std::move(value));
      }
    }
  }
  return env;
}

// compose-go's ResolveEnvironment for the included project: a bare `environment` entry takes the
// included project's value, which the includer's variables may not have.
void ResolveEnvironment(YamlNode& model, const VariableLookup& lookup) {
  YamlNode* services = model.Find("services");
  if (services == nullptr) return;
  for (auto& [name, service] : services->entries) {
    YamlNode* environment = service.Find("environment");
    if (environment == nullptr) continue;
    for (auto& [key, value] : environment->entries) {
      if (!value.IsNull() || value.tag == "!reset") continue;
      if (auto found = lookup(key)) {
        value.kind = YamlNode::Kind::kScalar;
        value.scalar = std::move(*found);
      }
    }
  }
}

std::string CycleMessage(const ComposeScope& scope, const std::string& again) {
  std::string chain;
  for (const auto& [id, name] : scope.include_chain) chain += name + " includes ";
  return chain + again;
}

// importResources: what the included project defines is added; a resource the includer defines too
// is the imported one with the includer's definition merged over it (compose-go since v2.10;
// before, an error "services.X conflicts with imported resource").
util::Status Import(YamlNode& document, YamlNode& imported) {
  for (std::string_view section : {"services", "secrets"}) {
    YamlNode* from = imported.Find(section);
    if (from == nullptr || !from->IsMapping() || from->entries.empty()) continue;
    YamlNode* to = document.Find(section);
    if (to == nullptr || !to->IsMapping()) {
      YamlNode mapping;
      mapping.kind = YamlNode::Kind::kMapping;
      document.Set(std::string(section), std::move(mapping));
      to = document.Find(section);
    }
    for (auto& [name, value] : from->entries) {
      YamlNode* existing = to->Find(name);
      if (existing == nullptr) {
        to->Set(name, std::move(value));
        continue;
      }
      MANIFOLD_CHECK(MergeResource(value, std::move(*existing), section, name));
      *existing = std::move(value);
    }
  }
  return {};
}

}  // namespace

util::Status ApplyInclude(YamlNode& document, const ComposeScope& scope,
                          const VariableLookup& lookup, ComposeFiles& files) {
  const YamlNode* found = document.Find("include");
  if (found == nullptr) return {};
  YamlNode include = *found;
  document.Erase("include");
  if (include.IsNull()) return {};
  if (!include.IsSequence())
    return FailAt(include, "include must be a list, not {}", KindName(include));
  if (!include.items.empty() && scope.include_chain.size() >= kMaxComposeDepth) {
    return FailAt(include, "includes nested deeper than {} files", kMaxComposeDepth);
  }
  for (const YamlNode& item : include.items) {
    IncludeEntry entry = MANIFOLD_TRY(ReadEntry(item));
    // The first path is the included project's main file: its directory is the project directory
    // unless project_directory (relative to the includer) says otherwise; every path is relative to
    // the includer.
    fs::path main = Under(scope.ref_dir, entry.paths.front().path);
    fs::path project_dir = entry.project_directory
                               ? Under(scope.ref_dir, entry.project_directory->path)
                               : main.parent_path();
    EnvEntries env = MANIFOLD_TRY(IncludeEnv(entry, project_dir, scope, lookup, files, item));
    VariableLookup child_lookup = [&](std::string_view name) -> std::optional<std::string> {
      if (auto value = lookup(name)) return value;
      for (const auto& [k, v] : env) {
        if (k == name) return v;
      }
      return std::nullopt;
    };
    YamlNode model;
    model.kind = YamlNode::Kind::kMapping;
    for (const NamedPath& named : entry.paths) {
      fs::path path = Under(scope.ref_dir, named.path);
      std::string id = files.Identity(path);
      for (const auto& [seen, name] : scope.include_chain) {
        if (seen == id) {
          return FailAt(*named.at, "include cycle: {}", CycleMessage(scope, path.string()));
        }
      }
      ComposeScope child{.file = path.string(),
                         .ref_dir = project_dir,
                         .path_base = project_dir,
                         .context_base = project_dir,
                         .include_chain = scope.include_chain};
      child.include_chain.emplace_back(std::move(id), path.string());
      std::vector<YamlNode> documents = MANIFOLD_TRY(files.Load(path, *named.at));
      MANIFOLD_CHECK(AddComposeDocuments(model, std::move(documents), child, child_lookup, files));
    }
    ResolveEnvironment(model, child_lookup);
    RebasePaths(model, RelativeDir(project_dir, scope.path_base),
                RelativeDir(project_dir, scope.context_base),
                /*default_context=*/true);
    MANIFOLD_CHECK(Import(document, model));
  }
  return {};
}

}  // namespace manifold::bake::internal
