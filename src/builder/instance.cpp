// Builder instances on disk (builders/NAME.json, builders/current) and ssh:// endpoints.
#include "builder/instance.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <set>
#include <system_error>

#include "builder/internal/instance_json.hpp"
#include "util/temp_file.hpp"

namespace fs = std::filesystem;

namespace manifold::builder {
namespace {

constexpr std::string_view kCurrentFile = "current";
constexpr std::string_view kEndpointForm = "ssh://[user@]host[:port]";

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
         c == '-';
}

// [a-zA-Z0-9][a-zA-Z0-9_.-]*: also what keeps a name from leaving builders/ as a path.
util::Status CheckName(std::string_view what, std::string_view name) {
  bool ok = !name.empty() && IsNameChar(name[0]) && name[0] != '_' && name[0] != '.' && name[0] != '-' &&
            std::all_of(name.begin(), name.end(), IsNameChar);
  if (!ok) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "{} {:?} is not valid: use letters, digits, '_', '.' and '-', starting with a letter or digit",
                      what, name);
  }
  return {};
}

Instance DefaultInstance() {
  return Instance{.name = std::string(kDefaultInstance),
                  .driver = "local",
                  .nodes = {Node{.name = std::string(kDefaultInstance), .endpoint = "", .platforms = {}}}};
}

// What a stored instance must be, so that every reader can rely on it.
util::Status CheckInstance(const Instance& instance) {
  MANIFOLD_CHECK(CheckName("builder name", instance.name));
  if (instance.driver.empty()) return util::Fail(util::ErrorKind::kInvalidArgument, "builder {}: no driver", instance.name);
  if (instance.nodes.empty()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "builder {} has no nodes", instance.name);
  }
  std::set<std::string_view> names;
  const Node* local = nullptr;
  for (const auto& node : instance.nodes) {
    MANIFOLD_CHECK(CheckName("node name", node.name));
    if (!names.insert(node.name).second) {
      return util::Fail(util::ErrorKind::kConflict, "builder {} already has a node named {}", instance.name, node.name);
    }
    if (node.local()) {
      // Two nodes on one machine would build the same platforms twice on the same store.
      if (local) {
        return util::Fail(util::ErrorKind::kConflict, "builder {} already has a node on this machine ({}); {} would be a second",
                          instance.name, local->name, node.name);
      }
      local = &node;
    } else {
      MANIFOLD_TRY(ParseSshEndpoint(node.endpoint));
    }
  }
  return {};
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// ssh reads an argument starting with '-' as an option (CVE-2017-1000117 in git's ssh://).
bool SafeForSsh(std::string_view part) {
  return !part.starts_with('-') &&
         std::none_of(part.begin(), part.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c)); });
}

}  // namespace

util::Result<SshEndpoint> ParseSshEndpoint(std::string_view endpoint) {
  auto bad = [endpoint](std::string_view why) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "endpoint {:?}: {}", endpoint, why);
  };
  constexpr std::string_view kScheme = "ssh://";
  if (!endpoint.starts_with(kScheme)) {
    return bad(fmt::format("manifold nodes are this machine (no endpoint) or {}; {} endpoints are not supported",
                           kEndpointForm,
                           endpoint.find("://") == std::string_view::npos ? "docker context"
                                                                           : endpoint.substr(0, endpoint.find("://") + 3)));
  }
  std::string_view rest = endpoint.substr(kScheme.size());
  if (rest.find_first_of("/?#") != std::string_view::npos) {
    return bad(fmt::format("a path, query or fragment is not allowed; use {}", kEndpointForm));
  }
  SshEndpoint out;
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view user = rest.substr(0, at);
    if (user.empty()) return bad("the user before '@' is empty");
    if (user.find(':') != std::string_view::npos) return bad("a password in the URL is not supported; use ssh keys or an agent");
    if (user.find('@') != std::string_view::npos || !SafeForSsh(user)) return bad(fmt::format("user {:?} is not valid", user));
    out.user = user;
    rest = rest.substr(at + 1);
  }
  std::string_view host = rest;
  std::string_view port;
  bool has_port = false;
  if (rest.starts_with('[')) {
    size_t close = rest.find(']');
    if (close == std::string_view::npos) return bad("an IPv6 address opened with '[' is not closed with ']'");
    host = rest.substr(1, close - 1);
    std::string_view after = rest.substr(close + 1);
    if (!after.empty() && !after.starts_with(':')) return bad("only :port may follow ']'");
    has_port = !after.empty();
    if (has_port) port = after.substr(1);
  } else if (size_t colon = rest.find(':'); colon != std::string_view::npos) {
    if (rest.find(':', colon + 1) != std::string_view::npos) return bad("an IPv6 address needs brackets: ssh://[::1]:22");
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
    has_port = true;
  }
  if (host.empty()) return bad(fmt::format("no host; use {}", kEndpointForm));
  if (!SafeForSsh(host)) return bad(fmt::format("host {:?} is not valid", host));
  out.host = host;
  if (has_port) {
    int value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value < 1 || value > 65535) {
      return bad(fmt::format("port {:?} is not a number from 1 to 65535", port));
    }
    out.port = value;
  }
  return out;
}

InstanceStore::InstanceStore(fs::path root) : dir_(std::move(root) / "builders") {}

util::Result<Instance> InstanceStore::Get(std::string_view name) const {
  MANIFOLD_CHECK(CheckName("builder name", name));
  fs::path file = dir_ / (std::string(name) + ".json");
  auto text = util::ReadFile(file);
  if (!text && text.error().kind() == util::ErrorKind::kNotFound) {
    if (name == kDefaultInstance) return DefaultInstance();
    return util::Fail(util::ErrorKind::kNotFound, "builder {:?} not found (`manifold ls` lists them)", name);
  }
  if (!text) return std::unexpected(std::move(text.error()));
  auto instance = internal::InstanceFromJson(*text);
  if (!instance) {
    return std::unexpected(std::move(instance.error())
                               .Context("{}: corrupt builder instance (fix it, or remove it with `manifold rm {}`)",
                                        file.string(), name));
  }
  if (instance->name != name) {
    return util::Fail(util::ErrorKind::kInternal, "{}: holds builder {:?}, not {:?} (fix it, or remove it with `manifold rm {}`)",
                      file.string(), instance->name, name, name);
  }
  return instance;
}

util::Result<std::vector<Instance>> InstanceStore::List() const {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    std::string file = it->path().filename().string();
    // Skips TempFile's ".tmp-*" files of writers in flight, and `current`.
    if (!file.ends_with(".json") || file.starts_with('.')) continue;
    std::string name = file.substr(0, file.size() - 5);
    if (name != kDefaultInstance && CheckName("builder name", name)) names.push_back(std::move(name));
  }
  if (ec && ec != std::errc::no_such_file_or_directory) {
    return util::Fail(util::ErrorKind::kInternal, "listing {}: {}", dir_.string(), ec.message());
  }
  std::sort(names.begin(), names.end());
  std::vector<Instance> out;
  out.push_back(MANIFOLD_TRY(Get(kDefaultInstance)));
  for (const auto& name : names) out.push_back(MANIFOLD_TRY(Get(name)));
  return out;
}

util::Status InstanceStore::Put(const Instance& instance) {
  MANIFOLD_CHECK(CheckInstance(instance));
  if (instance.name == kDefaultInstance) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "builder default is this machine and cannot be changed; create another with `manifold create --name NAME`");
  }
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "creating {}: {}", dir_.string(), ec.message());
  return util::WriteFileAtomic(dir_ / (instance.name + ".json"), internal::InstanceToJson(instance));
}

util::Status InstanceStore::Remove(std::string_view name) {
  MANIFOLD_CHECK(CheckName("builder name", name));
  if (name == kDefaultInstance) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "builder default is this machine and cannot be removed");
  }
  auto current = MANIFOLD_TRY(Current());
  fs::path file = dir_ / (std::string(name) + ".json");
  if (::unlink(file.c_str()) != 0) {
    if (errno == ENOENT) return util::Fail(util::ErrorKind::kNotFound, "builder {:?} not found (`manifold ls` lists them)", name);
    return util::FailErrno(errno, fmt::format("removing {}", file.string()));
  }
  if (current == name && ::unlink((dir_ / kCurrentFile).c_str()) != 0 && errno != ENOENT) {
    return util::FailErrno(errno, fmt::format("removing {}", (dir_ / kCurrentFile).string()));
  }
  return {};
}

util::Result<std::string> InstanceStore::Current() const {
  auto text = util::ReadFile(dir_ / kCurrentFile);
  if (!text) {
    if (text.error().kind() == util::ErrorKind::kNotFound) return std::string(kDefaultInstance);
    return std::unexpected(std::move(text.error()));
  }
  std::string name(Trim(*text));
  // A chosen instance removed behind our back (another manifold, or by hand) is not an error.
  std::error_code ec;
  if (!CheckName("builder name", name) || !fs::exists(dir_ / (name + ".json"), ec)) return std::string(kDefaultInstance);
  return name;
}

util::Status InstanceStore::SetCurrent(std::string_view name) {
  MANIFOLD_TRY(Get(name));
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "creating {}: {}", dir_.string(), ec.message());
  return util::WriteFileAtomic(dir_ / kCurrentFile, std::string(name) + "\n");
}

util::Result<Instance> InstanceStore::Select(std::string_view flag) const {
  if (!flag.empty()) {
    auto chosen = Get(flag);
    if (!chosen) return std::unexpected(std::move(chosen.error()).Context("--builder {}", flag));
    return chosen;
  }
  for (const char* variable : {"MANIFOLD_BUILDER", "BUILDX_BUILDER"}) {
    const char* value = std::getenv(variable);
    if (!value || !*value) continue;
    auto chosen = Get(value);
    if (!chosen) return std::unexpected(std::move(chosen.error()).Context("{}={}", variable, value));
    return chosen;
  }
  auto current = MANIFOLD_TRY(Current());
  auto chosen = Get(current);
  if (!chosen) return std::unexpected(std::move(chosen.error()).Context("the current builder ({})", current));
  return chosen;
}

}  // namespace manifold::builder
