// CredentialStore: read and write docker's config.json, delegating to credential helpers.
#include "registry/credentials.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "registry/auth.hpp"
#include "registry/credential_helper.hpp"
#include "util/base64.hpp"
#include "util/temp_file.hpp"

namespace manifold::registry {
namespace {

using Json = nlohmann::ordered_json;
constexpr std::string_view kDockerHubKey = "https://index.docker.io/v1/";

}  // namespace

std::string CredentialHost(std::string_view key) {
  if (auto scheme = key.find("://"); scheme != std::string_view::npos) key.remove_prefix(scheme + 3);
  key = key.substr(0, key.find('/'));
  if (key == "index.docker.io" || key == "registry-1.docker.io" || key == "docker.io") return "docker.io";
  return std::string(key);
}

namespace {

util::Result<Json> Load(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return Json::object();
  auto text = MANIFOLD_TRY(util::ReadFile(file));
  auto json = Json::parse(text, nullptr, false);
  if (!json.is_object()) return util::Fail(util::ErrorKind::kInvalidArgument, "{}: not a JSON object", file.string());
  return json;
}

// The helper that owns `host`, if any: credHelpers[host], else credsStore.
std::string HelperFor(const Json& config, std::string_view host) {
  if (config.contains("credHelpers") && config["credHelpers"].is_object()) {
    for (const auto& [key, value] : config["credHelpers"].items()) {
      if (CredentialHost(key) == host && value.is_string()) return value.get<std::string>();
    }
  }
  if (config.contains("credsStore") && config["credsStore"].is_string()) return config["credsStore"].get<std::string>();
  return {};
}

util::Status Save(const std::filesystem::path& file, const Json& config) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  if (ec) return util::FailErrno(ec.value(), "creating " + file.parent_path().string());
  // Private before the first secret byte is written, and only then renamed into place.
  auto temp = MANIFOLD_TRY(util::TempFile::Create(file));
  if (::fchmod(temp.fd(), 0600) != 0) return util::FailErrno(errno, "chmod " + temp.path().string());
  MANIFOLD_CHECK(temp.Write(config.dump(1, '\t') + "\n"));
  return temp.Commit();
}

}  // namespace

std::string CredentialKey(std::string_view host) {
  return CredentialHost(host) == "docker.io" ? std::string(kDockerHubKey) : std::string(host);
}

util::Result<CredentialStore> CredentialStore::Open(std::filesystem::path config_dir) {
  if (config_dir.empty()) {
    if (const char* dir = std::getenv("DOCKER_CONFIG"); dir && *dir) {
      config_dir = dir;
    } else if (const char* home = std::getenv("HOME"); home && *home) {
      config_dir = std::filesystem::path(home) / ".docker";
    } else {
      return util::Fail(util::ErrorKind::kNotFound, "neither DOCKER_CONFIG nor HOME is set: no docker config to use");
    }
  }
  return CredentialStore(config_dir / "config.json");
}

util::Result<Credential> CredentialStore::Get(std::string_view host_text) const {
  std::string host = CredentialHost(host_text);
  auto config = MANIFOLD_TRY(Load(file_));
  if (std::string helper = HelperFor(config, host); !helper.empty()) return HelperGet(helper, CredentialKey(host));
  if (!config.contains("auths") || !config["auths"].is_object()) return Credential{};
  for (const auto& [key, entry] : config["auths"].items()) {
    if (CredentialHost(key) != host || !entry.is_object()) continue;
    Credential c;
    c.identity_token = entry.value("identitytoken", std::string());
    if (std::string auth = entry.value("auth", std::string()); !auth.empty()) {
      auto decoded = util::Base64Decode(auth);
      auto colon = decoded ? decoded->find(':') : std::string::npos;
      if (colon == std::string::npos) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "{}: auths.{}.auth is not base64 of user:password",
                          file_.string(), key);
      }
      c.username = decoded->substr(0, colon);
      c.password = decoded->substr(colon + 1);
    } else {
      c.username = entry.value("username", std::string());
      c.password = entry.value("password", std::string());
    }
    return c;
  }
  return Credential{};
}

util::Status CredentialStore::Store(std::string_view host_text, const Credential& credential) const {
  std::string host = CredentialHost(host_text);
  auto config = MANIFOLD_TRY(Load(file_));
  if (!config.contains("auths") || !config["auths"].is_object()) config["auths"] = Json::object();
  // Drop entries for the same host under other spellings, so one login wins.
  for (auto it = config["auths"].begin(); it != config["auths"].end();) {
    it = CredentialHost(it.key()) == host ? config["auths"].erase(it) : std::next(it);
  }
  std::string key = CredentialKey(host);
  if (std::string helper = HelperFor(config, host); !helper.empty()) {
    MANIFOLD_CHECK(HelperStore(helper, key, credential));
    config["auths"][key] = Json::object();  // docker marks the host as logged in, secrets elsewhere
  } else {
    Json entry = Json::object();
    if (!credential.username.empty() || !credential.password.empty()) {
      entry["auth"] = util::Base64Encode(credential.username + ":" + credential.password);
    }
    if (!credential.identity_token.empty()) entry["identitytoken"] = credential.identity_token;
    config["auths"][key] = entry;
  }
  return Save(file_, config);
}

util::Status CredentialStore::Erase(std::string_view host_text) const {
  std::string host = CredentialHost(host_text);
  auto config = MANIFOLD_TRY(Load(file_));
  bool found = false;
  if (config.contains("auths") && config["auths"].is_object()) {
    for (auto it = config["auths"].begin(); it != config["auths"].end();) {
      if (CredentialHost(it.key()) == host) {
        it = config["auths"].erase(it);
        found = true;
      } else {
        ++it;
      }
    }
  }
  if (std::string helper = HelperFor(config, host); !helper.empty()) {
    auto erased = HelperErase(helper, CredentialKey(host));
    if (erased) found = true;
    else if (erased.error().kind() != util::ErrorKind::kNotFound) return erased;
  }
  if (!found) return util::Fail(util::ErrorKind::kNotFound, "not logged in to {}", host);
  return Save(file_, config);
}

}  // namespace manifold::registry
