// RegistryHosts: which scheme and TLS settings each registry gets, and one client per host.
#include "registry/hosts.hpp"

#include <nlohmann/json.hpp>

#include "util/temp_file.hpp"

namespace manifold::registry {
namespace {

std::string_view HostOnly(std::string_view domain) {
  if (domain.starts_with("[")) {  // [::1]:5000
    auto close = domain.find(']');
    return close == std::string_view::npos ? domain : domain.substr(1, close - 1);
  }
  auto colon = domain.rfind(':');
  return colon == std::string_view::npos ? domain : domain.substr(0, colon);
}

std::string ApiHost(std::string_view domain) {
  return domain == "docker.io" ? "registry-1.docker.io" : std::string(domain);
}

void AddIfExists(std::vector<std::string>& files, const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) files.push_back(path.string());
}

}  // namespace

bool IsLoopbackHost(std::string_view domain) {
  std::string_view host = HostOnly(domain);
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

util::Result<std::shared_ptr<RegistryHosts>> RegistryHosts::Load(const std::filesystem::path& root,
                                                                 CredentialSource credentials) {
  std::map<std::string, HostConfig> config;
  auto path = root / "config.json";
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    auto text = MANIFOLD_TRY(util::ReadFile(path));
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_object()) return util::Fail(util::ErrorKind::kInvalidArgument, "{}: not a JSON object", path.string());
    if (json.contains("registries")) {
      const auto& registries = json["registries"];
      if (!registries.is_object()) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "{}: \"registries\" must be an object of hosts", path.string());
      }
      for (const auto& [host, entry] : registries.items()) {
        if (!entry.is_object()) {
          return util::Fail(util::ErrorKind::kInvalidArgument, "{}: registries.{} must be an object", path.string(), host);
        }
        HostConfig c;
        c.http = entry.value("http", false);
        c.insecure = entry.value("insecure", false);
        if (entry.contains("ca")) {
          const auto& ca = entry["ca"];
          if (ca.is_string()) c.ca_files.push_back(ca.get<std::string>());
          else if (ca.is_array()) for (const auto& f : ca) if (f.is_string()) c.ca_files.push_back(f.get<std::string>());
        }
        config[host] = std::move(c);
      }
    }
  }
  return std::shared_ptr<RegistryHosts>(new RegistryHosts(root, std::move(config), std::move(credentials)));
}

void RegistryHosts::MarkInsecure(std::string_view host) {
  std::lock_guard lock(mu_);
  insecure_.insert(std::string(host));
  clients_.erase(std::string(host));
}

RegistryOptions RegistryHosts::OptionsFor(std::string_view domain) const {
  RegistryOptions options;
  HostConfig host;
  bool configured = false;
  if (auto it = config_.find(std::string(domain)); it != config_.end()) {
    host = it->second;
    configured = true;
  }
  options.tls.skip_verify = host.insecure;
  std::vector<std::string> cas = host.ca_files;
  AddIfExists(cas, root_ / "certs.d" / std::string(domain) / "ca.crt");
  AddIfExists(cas, std::filesystem::path("/etc/docker/certs.d") / std::string(domain) / "ca.crt");
  // A loopback registry speaks HTTP unless something says it has TLS: a config entry or a CA.
  options.plain_http = host.http || insecure_.contains(domain) || (!configured && cas.empty() && IsLoopbackHost(domain));
  // libcurl takes one CA file besides the system's; the first configured one wins.
  if (!cas.empty()) options.tls.ca_file = cas.front();
  // Credentials are looked up by the name users log in with (docker.io, not its API host).
  std::string key(domain);
  auto source = credentials_;
  options.credentials = [source, key](std::string_view) -> util::Result<Credential> {
    if (!source) return Credential{};
    return source(key);
  };
  return options;
}

std::shared_ptr<Registry> RegistryHosts::Get(std::string_view domain) {
  std::lock_guard lock(mu_);
  if (auto it = clients_.find(domain); it != clients_.end()) return it->second;
  auto client = std::make_shared<Registry>(ApiHost(domain), OptionsFor(domain));
  clients_.emplace(std::string(domain), client);
  return client;
}

std::shared_ptr<Registry> RegistryHosts::WithCredentials(std::string_view domain, CredentialSource credentials) {
  std::lock_guard lock(mu_);
  auto options = OptionsFor(domain);
  options.credentials = std::move(credentials);
  return std::make_shared<Registry>(ApiHost(domain), std::move(options));
}

}  // namespace manifold::registry
