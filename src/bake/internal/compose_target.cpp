// ProjectToConfig: buildx's ParseCompose and compose-go's consistency checks, over the
// merged model.
#include "bake/internal/compose_target.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

#include "bake/internal/compose_build.hpp"
#include "bake/internal/compose_values.hpp"
#include "bake/internal/dotenv.hpp"

namespace manifold::bake::internal {
namespace {

using util::ErrorKind;

const YamlNode kNull;

const YamlNode& Field(const YamlNode& mapping, std::string_view key) {
  const YamlNode* value = mapping.Find(key);
  return value != nullptr ? *value : kNull;
}

bool HasBuild(const YamlNode& service) {
  const YamlNode* build = service.Find("build");
  return build != nullptr && build->IsMapping();
}

util::Status CheckSecrets(const YamlNode& model) {
  const YamlNode& secrets = Field(model, "secrets");
  for (const auto& [name, secret] : secrets.entries) {
    for (const auto& [key, value] : secret.entries) {
      static constexpr std::array<std::string_view, 7> kKeys = {
          "name", "environment", "file", "external", "labels", "driver", "template_driver"};
      if (!key.starts_with("x-") && key != "driver_opts" &&
          std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
        return FailAt(value, "secrets.{}: additional properties '{}' not allowed", name, key);
      }
    }
    if (secret.Find("file") == nullptr && secret.Find("environment") == nullptr &&
        secret.Find("external") == nullptr) {
      return FailAt(secret, "secret \"{}\" must declare \"file\", \"environment\" or \"external\"",
                    name);
    }
  }
  return {};
}

// compose-go's checkConsistency, for what bake reads.
util::Status CheckService(const YamlNode& model, const std::string& name, const YamlNode& service) {
  const YamlNode* image = service.Find("image");
  if (!HasBuild(service) && (image == nullptr || image->IsNull())) {
    return FailAt(service, "service \"{}\" has neither an image nor a build context specified",
                  name);
  }
  if (!HasBuild(service)) return {};
  const YamlNode& build = Field(service, "build");
  std::string dockerfile = MANIFOLD_TRY(ReadString(Field(build, "dockerfile"), "dockerfile"));
  std::string inline_file =
      MANIFOLD_TRY(ReadString(Field(build, "dockerfile_inline"), "dockerfile_inline"));
  if (!dockerfile.empty() && !inline_file.empty()) {
    return FailAt(
        build, "service \"{}\" declares mutually exclusive dockerfile and dockerfile_inline", name);
  }
  const YamlNode& services = Field(model, "services");
  for (const auto& [key, value] : Field(build, "additional_contexts").entries) {
    if (!value.IsScalar() || !value.scalar.starts_with("service:")) continue;
    std::string other = value.scalar.substr(8);
    const YamlNode* target = services.Find(other);
    if (target == nullptr) {
      return FailAt(value,
                    "service \"{}\" declares unknown service \"{}\" as additional contexts {}",
                    name, other, key);
    }
    if (!HasBuild(*target)) {
      return FailAt(
          value, "service \"{}\" declares non-buildable service \"{}\" as additional contexts {}",
          name, other, key);
    }
  }
  const YamlNode& secrets = Field(model, "secrets");
  for (const YamlNode& secret : Field(build, "secrets").items) {
    std::string source = MANIFOLD_TRY(ReadString(Field(secret, "source"), "secrets.source"));
    if (secrets.Find(source) == nullptr) {
      return FailAt(secret, "service \"{}\" refers to undefined build secret {}", name, source);
    }
  }
  return {};
}

util::Result<std::string> ReadTextFile(const std::filesystem::path& path, bool& found) {
  std::error_code ec;
  found = std::filesystem::is_regular_file(path, ec);
  if (!found) return std::string();
  std::ifstream in(path, std::ios::binary);
  std::ostringstream data;
  data << in.rdbuf();
  if (!in && !in.eof()) {
    return util::Fail(ErrorKind::kInvalidArgument, "reading env file {}", path.string());
  }
  return data.str();
}

// The service's environment as compose resolves it: env_file files in order, then
// `environment` (a bare KEY takes the project's value).
util::Result<EnvEntries> ServiceEnvironment(const std::string& name, const YamlNode& service,
                                            const VariableLookup& lookup,
                                            const std::filesystem::path& working_dir) {
  EnvEntries env;
  auto set = [&](const std::string& key, std::string value) {
    for (auto& [k, v] : env) {
      if (k == key) {
        v = std::move(value);
        return;
      }
    }
    env.emplace_back(key, std::move(value));
  };
  std::string base = "services." + name;
  const YamlNode& env_files = Field(service, "env_file");
  if (!env_files.IsNull() && !env_files.IsSequence()) {
    return FailAt(env_files, "{}.env_file must be a path or a list", base);
  }
  for (const YamlNode& entry : env_files.items) {
    std::string path;
    bool required = true;
    if (entry.IsMapping()) {
      path = MANIFOLD_TRY(ReadString(Field(entry, "path"), base + ".env_file.path"));
      if (const YamlNode* r = entry.Find("required")) {
        required = MANIFOLD_TRY(ReadBool(*r, base + ".env_file.required"));
      }
    } else {
      path = MANIFOLD_TRY(ReadString(entry, base + ".env_file"));
    }
    std::filesystem::path file = ResolveLocalPath(path, lookup);
    if (file.is_relative() && !working_dir.empty()) file = working_dir / file;
    bool found = false;
    std::string text = MANIFOLD_TRY(ReadTextFile(file, found));
    if (!found) {
      if (!required) continue;
      return FailAt(entry, "env file {} not found", file.string());
    }
    auto parsed = ParseDotEnv(text, lookup);
    if (!parsed) return std::unexpected(std::move(parsed.error()).Context("{}", file.string()));
    for (auto& [k, v] : *parsed) set(k, std::move(v));
  }
  for (const auto& [key, value] : Field(service, "environment").entries) {
    if (!value.IsNull()) {
      set(key, value.scalar);
    } else if (auto v = lookup(key)) {
      set(key, std::move(*v));
    }
  }
  return env;
}

}  // namespace

std::string SanitizeTargetName(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '.', '_');
  return out;
}

util::Result<Config> ProjectToConfig(const YamlNode& model, const VariableLookup& lookup,
                                     const std::filesystem::path& working_dir) {
  MANIFOLD_CHECK(CheckSecrets(model));
  const YamlNode& services = Field(model, "services");
  Config config;
  if (services.entries.empty()) return config;
  Group group{.name = "default", .description = std::nullopt, .targets = {}};
  for (const auto& [name, service] : services.entries) {
    MANIFOLD_CHECK(CheckService(model, name, service));
    if (!HasBuild(service)) continue;
    std::string target_name = SanitizeTargetName(name);
    bool valid = std::all_of(target_name.begin(), target_name.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
    });
    if (!valid) {
      return FailAt(service, "invalid service name \"{}\": only \"[a-zA-Z0-9_-]+\" are allowed",
                    target_name);
    }
    EnvEntries env = MANIFOLD_TRY(ServiceEnvironment(name, service, lookup, working_dir));
    VariableLookup arg_lookup = [&](std::string_view key) -> std::optional<std::string> {
      for (const auto& [k, v] : env) {
        if (k == key) return v;
      }
      return lookup(key);
    };
    Target target = MANIFOLD_TRY(BuildToTarget(BuildInput{.service_name = name,
                                                          .service = service,
                                                          .secrets = Field(model, "secrets"),
                                                          .arg_lookup = arg_lookup,
                                                          .path_lookup = lookup}));
    target.name = target_name;
    group.targets.push_back(target_name);
    config.targets.push_back(std::move(target));
  }
  config.groups.push_back(std::move(group));
  return config;
}

}  // namespace manifold::bake::internal
