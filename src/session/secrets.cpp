// SecretStore and SshAgents: buildx's --secret and --ssh flags, read into memory.
#include "session/secrets.hpp"

#include <sys/stat.h>

#include <cstdlib>

#include "util/csv.hpp"
#include "util/temp_file.hpp"

namespace manifold::session {

util::Result<SecretStore> SecretStore::FromFlags(const std::vector<std::string>& specs) {
  SecretStore store;
  for (const auto& spec : specs) {
    auto fields = util::SplitCsv(spec);
    if (!fields) return std::unexpected(std::move(fields.error()).Context("--secret {}", spec));
    std::string id, src, env, type;
    for (const auto& field : *fields) {
      size_t eq = field.find('=');
      if (eq == std::string::npos) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "--secret {}: {:?} is not key=value", spec, field);
      }
      std::string key = field.substr(0, eq), value = field.substr(eq + 1);
      if (key == "id") id = value;
      else if (key == "src" || key == "source") src = value;
      else if (key == "env") env = value;
      else if (key == "type") type = value;
      else return util::Fail(util::ErrorKind::kInvalidArgument, "--secret {}: unknown key {:?} (id, src, env, type)", spec, key);
    }
    if (type != "" && type != "file" && type != "env") {
      return util::Fail(util::ErrorKind::kInvalidArgument, "--secret {}: type must be file or env", spec);
    }
    if (id.empty()) return util::Fail(util::ErrorKind::kInvalidArgument, "--secret {}: id=… is required", spec);
    if (type == "env" && env.empty()) std::swap(env, src);
    if (src.empty() && env.empty()) {
      if (std::getenv(id.c_str()) != nullptr) env = id;
      else src = id;
    }
    if (!env.empty()) {
      const char* value = std::getenv(env.c_str());
      if (value == nullptr) {
        return util::Fail(util::ErrorKind::kNotFound, "--secret {}: the environment variable {} is not set", spec, env);
      }
      store.secrets_[id] = value;
    } else {
      auto bytes = util::ReadFile(src);
      if (!bytes) return std::unexpected(std::move(bytes.error()).Context("--secret {}: reading {}", spec, src));
      store.secrets_[id] = std::move(*bytes);
    }
  }
  return store;
}

const std::string* SecretStore::Get(const std::string& id) const {
  auto it = secrets_.find(id);
  return it == secrets_.end() ? nullptr : &it->second;
}

std::vector<std::string_view> SecretStore::Values() const {
  std::vector<std::string_view> values;
  for (const auto& [id, value] : secrets_) values.push_back(value);
  return values;
}

util::Result<SshAgents> SshAgents::FromFlags(const std::vector<std::string>& specs) {
  SshAgents agents;
  for (const auto& spec : specs) {
    size_t eq = spec.find('=');
    std::string id = spec.substr(0, eq);
    std::string socket = eq == std::string::npos ? "" : spec.substr(eq + 1);
    if (id.empty()) return util::Fail(util::ErrorKind::kInvalidArgument, "--ssh {:?}: expected ID[=SOCKET]", spec);
    if (socket.empty()) {
      const char* env = std::getenv("SSH_AUTH_SOCK");
      if (env == nullptr || *env == '\0') {
        return util::Fail(util::ErrorKind::kNotFound, "--ssh {}: SSH_AUTH_SOCK is not set; start ssh-agent or give "
                                                      "--ssh {}=/path/to/agent.sock",
                          spec, id);
      }
      socket = env;
    }
    struct stat st {};
    if (::stat(socket.c_str(), &st) != 0 || !S_ISSOCK(st.st_mode)) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "--ssh {}: {} is not an agent socket (key files are not supported: ssh-add them to an agent)",
                        spec, socket);
    }
    agents.sockets_[id] = socket;
  }
  return agents;
}

const std::string* SshAgents::Get(const std::string& id) const {
  auto it = sockets_.find(id);
  return it == sockets_.end() ? nullptr : &it->second;
}

}  // namespace manifold::session
