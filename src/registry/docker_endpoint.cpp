// FindDockerEndpoint: DOCKER_HOST, then the current docker context, then the default socket.
#include "registry/docker_endpoint.hpp"

#include <cstdlib>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/sha256.hpp"
#include "util/temp_file.hpp"

namespace manifold::registry {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> Env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

util::Result<nlohmann::json> ReadJson(const fs::path& file) {
  auto text = MANIFOLD_TRY(util::ReadFile(file));
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return util::Fail(util::ErrorKind::kInvalidArgument, "{}: not a JSON object", file.string());
  return json;
}

std::optional<fs::path> ConfigDir(const DockerEnvironment& env) {
  if (env.docker_config && !env.docker_config->empty()) return fs::path(*env.docker_config);
  if (env.home && !env.home->empty()) return fs::path(*env.home) / ".docker";
  return std::nullopt;
}

// The context the CLI would use: DOCKER_CONTEXT, else config.json's currentContext; "" = none.
util::Result<std::string> CurrentContext(const DockerEnvironment& env, const std::optional<fs::path>& config_dir) {
  if (env.docker_context && !env.docker_context->empty()) return *env.docker_context;
  if (!config_dir) return std::string();
  fs::path config = *config_dir / "config.json";
  std::error_code ec;
  if (!fs::exists(config, ec)) return std::string();
  auto json = MANIFOLD_TRY(ReadJson(config));
  auto it = json.find("currentContext");
  if (it == json.end() || !it->is_string()) return std::string();
  return it->get<std::string>();
}

}  // namespace

DockerEnvironment DockerEnvironment::FromProcess() {
  DockerEnvironment env;
  env.docker_host = Env("DOCKER_HOST");
  env.docker_context = Env("DOCKER_CONTEXT");
  env.docker_config = Env("DOCKER_CONFIG");
  env.home = Env("HOME");
  return env;
}

DockerEndpointSearch EndpointOfHost(const std::string& host, const std::string& found_by) {
  constexpr std::string_view kUnix = "unix://";
  if (host.starts_with(kUnix) && host.size() > kUnix.size()) {
    return {DockerEndpoint{host, fs::path(host.substr(kUnix.size())), found_by}, {}};
  }
  std::string scheme = host.substr(0, host.find("://"));
  return {std::nullopt, fmt::format("{} names {}: manifold talks to a Docker Engine over a unix socket only "
                                    "({}:// is not supported)",
                                    found_by, host, scheme)};
}

util::Result<DockerEndpointSearch> FindDockerEndpoint(const DockerEnvironment& env) {
  if (env.docker_host && !env.docker_host->empty()) return EndpointOfHost(*env.docker_host, "DOCKER_HOST");
  auto config_dir = ConfigDir(env);
  std::string context = MANIFOLD_TRY(CurrentContext(env, config_dir));
  // "default" is the CLI's name for DOCKER_HOST-or-the-default-socket; it has no meta.json.
  if (!context.empty() && context != "default") {
    std::string found_by = fmt::format("docker context {}", context);
    if (!config_dir) {
      return DockerEndpointSearch{std::nullopt, found_by + " is set, but neither DOCKER_CONFIG nor HOME is"};
    }
    fs::path meta = *config_dir / "contexts" / "meta" / util::Sha256::Hex(context) / "meta.json";
    std::error_code ec;
    if (!fs::exists(meta, ec)) {
      return DockerEndpointSearch{std::nullopt, fmt::format("{}: {} does not exist", found_by, meta.string())};
    }
    auto json = MANIFOLD_TRY(ReadJson(meta));
    const auto* host = json.contains("Endpoints") && json["Endpoints"].is_object() && json["Endpoints"].contains("docker")
                           ? &json["Endpoints"]["docker"]
                           : nullptr;
    if (host == nullptr || !host->is_object() || !host->contains("Host") || !(*host)["Host"].is_string()) {
      return DockerEndpointSearch{std::nullopt, fmt::format("{}: {} has no Endpoints.docker.Host", found_by, meta.string())};
    }
    return EndpointOfHost((*host)["Host"].get<std::string>(), found_by);
  }
  std::error_code ec;
  if (fs::exists(env.default_socket, ec)) {
    return DockerEndpointSearch{DockerEndpoint{"unix://" + env.default_socket.string(), env.default_socket,
                                               "the default socket"},
                                {}};
  }
  return DockerEndpointSearch{std::nullopt, fmt::format("no DOCKER_HOST, no docker context and no {}",
                                                        env.default_socket.string())};
}

}  // namespace manifold::registry
