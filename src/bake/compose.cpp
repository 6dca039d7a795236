// ReadComposeFiles and IsComposeFile: buildx's ParseComposeFiles / validateComposeFile over
// the compose-go loader steps in internal/ (YAML, .env, interpolation, merge, binding).
#include "bake/compose.hpp"

#include <array>
#include <fstream>
#include <sstream>

#include "bake/internal/compose_files.hpp"
#include "bake/internal/compose_model.hpp"
#include "bake/internal/compose_target.hpp"
#include "bake/internal/compose_values.hpp"
#include "bake/internal/normalize.hpp"
#include "bake/internal/dotenv.hpp"
#include "bake/internal/yaml_tree.hpp"

namespace manifold::bake {
namespace {

using internal::YamlNode;
using util::ErrorKind;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The variables a Compose file sees: the environment, then `.env` for what it leaves unset
// (buildx's composeEnv and loadDotEnv; a directory named .env is ignored).
util::Result<internal::EnvEntries> LoadDotEnvFile(const ComposeOptions& options,
                                                  const internal::VariableLookup& env) {
  if (options.working_dir.empty()) return internal::EnvEntries{};
  std::filesystem::path path = options.working_dir / ".env";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return internal::EnvEntries{};
  std::ifstream in(path, std::ios::binary);
  if (!in) return util::Fail(ErrorKind::kInvalidArgument, "{}: cannot be read", path.string());
  std::ostringstream text;
  text << in.rdbuf();
  auto entries = internal::ParseDotEnv(text.str(), env);
  if (!entries) return std::unexpected(std::move(entries.error()).Context("{}", path.string()));
  return entries;
}

// compose-go's projectName: the last non-empty top-level `name:`, interpolated; otherwise
// what the caller set (COMPOSE_PROJECT_NAME, else "bake").
util::Result<std::string> ProjectName(const std::vector<std::vector<YamlNode>>& documents,
                                      const internal::VariableLookup& lookup) {
  std::string name;
  if (auto env = lookup("COMPOSE_PROJECT_NAME"); env && !env->empty()) name = *env;
  if (name.empty()) name = "bake";
  for (const auto& file : documents) {
    for (const YamlNode& document : file) {
      const YamlNode* value = document.Find("name");
      if (value == nullptr || !value->IsScalar() || value->scalar.empty()) continue;
      auto interpolated = internal::SubstituteVariables(value->scalar, lookup);
      if (!interpolated) {
        return internal::FailAt(*value, "error while interpolating name: {}",
                                interpolated.error().message());
      }
      if (!interpolated->empty()) name = std::move(*interpolated);
    }
  }
  return name;
}

// buildx's localFileDir + rebaseContextPath, for BUILDX_BAKE_FILE_RELATIVE.
std::string RebaseContext(const std::string& base, const std::string& path) {
  static constexpr std::array<std::string_view, 5> kSpecial = {
      "cwd://", "target:", "docker-image:", "oci-layout://", "git@"};
  if (base.empty() || path.empty() || path.starts_with('/') ||
      path.find("://") != std::string::npos) {
    return path;
  }
  for (std::string_view prefix : kSpecial) {
    if (path.starts_with(prefix)) return path;
  }
  return internal::CleanPath(base + "/" + path);
}

void RebaseContexts(Config& config, const std::string& first_file) {
  if (first_file.empty() || first_file == "-" || first_file.find("://") != std::string::npos) {
    return;
  }
  std::string base = std::filesystem::path(first_file).parent_path().string();
  if (base.empty()) base = ".";
  for (Target& target : config.targets) {
    if (target.context) target.context = RebaseContext(base, *target.context);
    if (!target.contexts) continue;
    for (auto& [name, value] : *target.contexts) value = RebaseContext(base, value);
  }
}

// The directory a given file's `include` and `extends.file` paths are relative to (stdin and
// URLs: the working directory).
std::filesystem::path LocalDir(const std::string& name) {
  if (name.empty() || name == "-" || name.find("://") != std::string::npos) return {};
  std::filesystem::path dir = std::filesystem::path(name).parent_path().lexically_normal();
  return dir == "." ? std::filesystem::path() : dir;
}

}  // namespace

bool IsComposeFile(const DefinitionFile& file) {
  std::string name = Lower(file.name);
  if (name.ends_with(".yml") || name.ends_with(".yaml")) return true;
  if (name.ends_with(".json") || name.ends_with(".hcl")) return false;
  internal::YamlSource source{file.name, file.data};
  auto documents = internal::LoadYaml(source);
  if (!documents) return false;
  for (const YamlNode& document : *documents) {
    if (!document.IsMapping()) return false;
    const YamlNode* services = document.Find("services");
    if ((services != nullptr && services->IsMapping()) || document.Find("secrets") != nullptr) {
      return true;
    }
  }
  return false;
}

util::Result<Config> ReadComposeFiles(const std::vector<DefinitionFile>& files,
                                      const ComposeOptions& options) {
  if (files.empty()) return util::Fail(ErrorKind::kInvalidArgument, "no compose file specified");
  internal::VariableLookup env = [&](std::string_view name) -> std::optional<std::string> {
    if (options.getenv) return options.getenv(name);
    return std::nullopt;
  };
  internal::EnvEntries dotenv = MANIFOLD_TRY(LoadDotEnvFile(options, env));
  internal::VariableLookup base = [&](std::string_view name) -> std::optional<std::string> {
    if (auto value = env(name)) return value;
    for (const auto& [k, v] : dotenv) {
      if (k == name) return v;
    }
    return std::nullopt;
  };

  std::vector<internal::YamlSource> sources;
  sources.reserve(files.size());
  std::vector<std::vector<YamlNode>> documents;
  for (const DefinitionFile& file : files) {
    sources.push_back({file.name, file.data});
    documents.push_back(MANIFOLD_TRY(internal::LoadYaml(sources.back())));
  }
  std::string project = MANIFOLD_TRY(ProjectName(documents, base));
  internal::VariableLookup lookup = [&](std::string_view name) -> std::optional<std::string> {
    if (name == "COMPOSE_PROJECT_NAME") return project;
    return base(name);
  };

  YamlNode model;
  model.kind = YamlNode::Kind::kMapping;
  internal::ComposeFiles disk(options.working_dir);
  // The given files' own paths stay as written (relative to where bake runs, as buildx reads
  // them); what they include or extend is rebased onto that, or, with file-relative
  // contexts, its contexts onto the first file's directory, which RebaseContexts adds.
  std::filesystem::path context_base;
  if (options.file_relative_paths) context_base = LocalDir(files.front().name);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string& name = files[i].name;
    internal::ComposeScope scope{.file = name,
                                 .ref_dir = LocalDir(name),
                                 .path_base = {},
                                 .context_base = context_base,
                                 .include_chain = {{disk.Identity(name), name}}};
    MANIFOLD_CHECK(
        internal::AddComposeDocuments(model, std::move(documents[i]), scope, lookup, disk));
  }
  const YamlNode* services = model.Find("services");
  if ((services == nullptr || !services->IsMapping()) && model.Find("secrets") == nullptr) {
    std::string names;
    for (const DefinitionFile& file : files) names += (names.empty() ? "" : ", ") + file.name;
    return util::Fail(ErrorKind::kInvalidArgument, "{}: empty compose file", names);
  }
  Config config = MANIFOLD_TRY(internal::ProjectToConfig(model, lookup, options.working_dir));
  if (options.file_relative_paths) RebaseContexts(config, files.front().name);
  return config;
}

}  // namespace manifold::bake
