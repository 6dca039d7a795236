// ParseRunEnvironment: buildx's --network, --add-host, --ulimit, --shm-size, --cgroup-parent, --allow.
#include "frontend/dockerfile/run_environment.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace manifold::frontend::dockerfile {
namespace {

using util::ErrorKind;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

util::Result<graph::ExecOp::Network> ParseNetwork(const std::string& value) {
  if (value.empty() || value == "default") return graph::ExecOp::Network::kDefault;
  if (value == "none") return graph::ExecOp::Network::kNone;
  if (value == "host") return graph::ExecOp::Network::kHost;
  return util::Fail(ErrorKind::kInvalidArgument,
                    "--network {:?}: use default, none or host (manifold has no other networks)", value);
}

// buildx's toBuildkitExtraHosts: NAME=IP first (an IPv6 address has colons), then NAME:IP.
util::Result<graph::HostIp> ParseAddHost(const std::string& value) {
  size_t cut = value.find('=');
  if (cut == std::string::npos) cut = value.find(':');
  std::string host = cut == std::string::npos ? "" : value.substr(0, cut);
  std::string ip = cut == std::string::npos ? "" : value.substr(cut + 1);
  if (host.empty() || ip.empty()) {
    return util::Fail(ErrorKind::kInvalidArgument, "--add-host {:?}: expected NAME:IP or NAME=IP", value);
  }
  // One /etc/hosts line per entry: a blank or a '#' in the name would change its meaning.
  bool bad_name = std::any_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isspace(c) || std::iscntrl(c) || c == '#';
  });
  if (bad_name) return util::Fail(ErrorKind::kInvalidArgument, "--add-host {:?}: the name has a blank or a '#'", value);
  if (ip == "host-gateway") {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "--add-host {:?}: manifold has no host gateway (RUN steps share the host's network, where "
                      "the host is 127.0.0.1): give an address",
                      value);
  }
  if (ip.size() > 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
  unsigned char addr[16];
  char text[INET6_ADDRSTRLEN];
  int family = ::inet_pton(AF_INET, ip.c_str(), addr) == 1 ? AF_INET
               : ::inet_pton(AF_INET6, ip.c_str(), addr) == 1 ? AF_INET6
                                                                : 0;
  if (family == 0 || ::inet_ntop(family, addr, text, sizeof text) == nullptr) {
    return util::Fail(ErrorKind::kInvalidArgument, "--add-host {:?}: {:?} is not an IPv4 or IPv6 address", value, ip);
  }
  return graph::HostIp{Lower(host), text};
}

util::Result<int64_t> ParseLimit(const std::string& value, const std::string& number) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
  if (ec != std::errc() || end != number.data() + number.size() || number.empty() || n < -1) {
    return util::Fail(ErrorKind::kInvalidArgument, "--ulimit {:?}: {:?} is not a limit (a number, -1 = unlimited)",
                      value, number);
  }
  return n;
}

// docker's go-units ParseUlimit, names included.
util::Result<graph::Ulimit> ParseUlimit(const std::string& value) {
  static constexpr std::string_view kNames[] = {"core",   "cpu",   "data",  "fsize",  "locks",
                                                "memlock", "msgqueue", "nice", "nofile", "nproc",
                                                "rss",    "rtprio", "rttime", "sigpending", "stack"};
  size_t eq = value.find('=');
  if (eq == std::string::npos) {
    return util::Fail(ErrorKind::kInvalidArgument, "--ulimit {:?}: expected NAME=SOFT[:HARD]", value);
  }
  graph::Ulimit limit;
  limit.name = value.substr(0, eq);
  if (std::find(std::begin(kNames), std::end(kNames), limit.name) == std::end(kNames)) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "--ulimit {:?}: unknown limit {:?} (core, cpu, data, fsize, locks, memlock, msgqueue, nice, "
                      "nofile, nproc, rss, rtprio, rttime, sigpending, stack)",
                      value, limit.name);
  }
  std::string limits = value.substr(eq + 1);
  size_t colon = limits.find(':');
  limit.soft = MANIFOLD_TRY(ParseLimit(value, limits.substr(0, colon)));
  limit.hard = colon == std::string::npos ? limit.soft : MANIFOLD_TRY(ParseLimit(value, limits.substr(colon + 1)));
  // -1 is RLIM_INFINITY, above every number: an unlimited soft limit needs an unlimited hard one.
  bool soft_above_hard = limit.hard != -1 && (limit.soft == -1 || limit.soft > limit.hard);
  if (soft_above_hard) {
    return util::Fail(ErrorKind::kInvalidArgument, "--ulimit {:?}: the soft limit is above the hard limit", value);
  }
  return limit;
}

// docker's units.RAMInBytes: `^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$`, binary multiples.
util::Result<uint64_t> ParseShmSize(const std::string& value) {
  auto bad = [&] {
    return util::Fail(ErrorKind::kInvalidArgument, "--shm-size {:?}: expected bytes or a size like 64m or 1g", value);
  };
  size_t i = 0;
  while (i < value.size() && (std::isdigit(static_cast<unsigned char>(value[i])) || value[i] == '.')) ++i;
  double n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + i, n, std::chars_format::fixed);
  if (i == 0 || !std::isdigit(static_cast<unsigned char>(value[0])) || ec != std::errc() || end != value.data() + i) {
    return bad();
  }
  std::string unit = Lower(value.substr(i));
  if (unit.starts_with(' ')) unit.erase(0, 1);
  if (unit.ends_with('b')) unit.pop_back();
  if (unit.ends_with('i')) unit.pop_back();
  static constexpr std::string_view kUnits = "kmgtp";
  if (unit.size() > 1 || (unit.size() == 1 && kUnits.find(unit[0]) == std::string_view::npos)) return bad();
  double power = unit.empty() ? 0 : static_cast<double>(kUnits.find(unit[0]) + 1);
  double bytes = n * std::pow(1024.0, power);
  if (bytes >= 9.2e18) return bad();
  return static_cast<uint64_t>(bytes);
}

util::Result<std::string> ParseCgroupParent(const std::string& value) {
  if (value.find(".slice") != std::string::npos && value.ends_with(':')) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "--cgroup-parent {:?}: systemd's SLICE:PREFIX: form needs the systemd cgroup driver; manifold "
                      "runs its runtime with cgroupfs: give a path such as ci/builds",
                      value);
  }
  std::string cleaned;
  size_t start = 0;
  while (start <= value.size()) {
    size_t slash = std::min(value.find('/', start), value.size());
    std::string part = value.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      return util::Fail(ErrorKind::kInvalidArgument, "--cgroup-parent {:?}: '..' is not allowed in the path", value);
    }
    cleaned += (cleaned.empty() ? "" : "/") + part;
  }
  if (cleaned.empty()) {
    return util::Fail(ErrorKind::kInvalidArgument, "--cgroup-parent {:?}: expected a cgroup path such as ci/builds",
                      value);
  }
  return cleaned;
}

util::Status AddEntitlements(const std::string& value, RunEnvironment& env) {
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = std::min(value.find(',', start), value.size());
    std::string name = value.substr(start, comma - start);
    start = comma + 1;
    if (name.empty()) continue;  // as buildx: `--allow ""` grants nothing
    if (name == "network.host") {
      env.allow_network_host = true;
    } else if (name == "security.insecure") {
      env.allow_security_insecure = true;
    } else {
      return util::Fail(ErrorKind::kInvalidArgument,
                        "--allow {:?}: unknown entitlement {:?} (manifold grants network.host and security.insecure)",
                        value, name);
    }
  }
  return {};
}

}  // namespace

util::Result<RunEnvironment> ParseRunEnvironment(const RunEnvironmentFlags& flags) {
  RunEnvironment env;
  env.network = MANIFOLD_TRY(ParseNetwork(flags.network));
  // buildx adds the entitlement itself: asking for the host network on the command line is
  // the permission.
  if (env.network == graph::ExecOp::Network::kHost) env.allow_network_host = true;
  for (const auto& value : flags.add_hosts) env.extra_hosts.push_back(MANIFOLD_TRY(ParseAddHost(value)));
  for (const auto& value : flags.ulimits) {
    graph::Ulimit limit = MANIFOLD_TRY(ParseUlimit(value));
    std::erase_if(env.ulimits, [&](const graph::Ulimit& u) { return u.name == limit.name; });
    env.ulimits.push_back(std::move(limit));
  }
  std::sort(env.ulimits.begin(), env.ulimits.end(),
            [](const graph::Ulimit& a, const graph::Ulimit& b) { return a.name < b.name; });
  if (!flags.shm_size.empty()) env.shm_size = MANIFOLD_TRY(ParseShmSize(flags.shm_size));
  if (!flags.cgroup_parent.empty()) env.cgroup_parent = MANIFOLD_TRY(ParseCgroupParent(flags.cgroup_parent));
  for (const auto& value : flags.allow) MANIFOLD_CHECK(AddEntitlements(value, env));
  return env;
}

}  // namespace manifold::frontend::dockerfile
