// bake's entitlements: --allow parsed, what targets need found, the request told as buildx does.
#include "bake/entitlements.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "bake/internal/csv.hpp"
#include "bake/internal/normalize.hpp"
#include "util/go_bool.hpp"

namespace manifold::bake {

namespace fs = std::filesystem;

namespace {

// The value of `key=` among CSV fields ("" when absent).
std::string Field(const std::vector<std::string>& fields, std::string_view key) {
  for (const auto& field : fields) {
    if (field.size() > key.size() && field.starts_with(key) && field[key.size()] == '=') {
      return field.substr(key.size() + 1);
    }
  }
  return {};
}

std::vector<std::string> Fields(std::string_view entry) {
  auto fields = internal::SplitCsv(entry);
  return fields ? std::move(*fields) : std::vector<std::string>{std::string(entry)};
}

// An output's local destination: `dest=`, or a bare path (buildx reads it as type=local).
std::string OutputDestination(std::string_view entry) {
  auto fields = Fields(entry);
  if (fields.size() == 1 && fields[0].find('=') == std::string::npos) return fields[0];
  std::string dest = Field(fields, "dest");
  return dest == "-" ? std::string() : dest;
}

// A local cache's path: `key` of a type=local entry.
std::string LocalCachePath(std::string_view entry, std::string_view key) {
  auto fields = Fields(entry);
  return Field(fields, "type") == "local" ? Field(fields, key) : std::string();
}

std::string SecretFile(std::string_view entry) {
  auto fields = Fields(entry);
  std::string src = Field(fields, "src");
  return src.empty() ? Field(fields, "source") : src;
}

// An ssh entry's paths: `ID=PATH[,PATH…]`; none for a bare ID (the default agent).
std::vector<std::string> SshPaths(std::string_view entry) {
  std::vector<std::string> paths;
  auto fields = Fields(entry);
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i == 0) {
      if (auto eq = fields[0].find('='); eq != std::string::npos) paths.push_back(fields[0].substr(eq + 1));
    } else if (!fields[i].empty()) {
      paths.push_back(fields[i]);
    }
  }
  return paths;
}

bool IsLocalPath(std::string_view value) {
  return !value.starts_with("target:") && !value.starts_with("docker-image:") && !internal::IsRemoteContext(value);
}

// A named context's local path: cwd:// and oci-layout:// (its tag or digest cut off) unwrapped.
std::string NamedContextPath(std::string value) {
  if (value.starts_with("cwd://")) return value.substr(6);
  if (value.starts_with("oci-layout://")) {
    value = value.substr(13);
    value = value.substr(0, value.find('@'));
    const size_t slash = value.rfind('/');
    const size_t colon = value.rfind(':');
    if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) value.resize(colon);
  }
  return value;
}

// buildx's EvaluateToExistingPath: absolute, symlinks resolved as far as the path exists;
// the existing part and the rest.
std::pair<fs::path, fs::path> ToExistingPath(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec).lexically_normal();
  fs::path existing = absolute;
  while (!fs::exists(existing, ec) && existing.has_relative_path()) existing = existing.parent_path();
  fs::path resolved = fs::canonical(existing, ec);
  if (ec) resolved = existing;
  return {resolved, absolute.lexically_relative(existing)};
}

bool IsAtOrUnder(const std::string& path, const std::string& parent) {
  return path == parent || parent == "/" || path.starts_with(parent + "/");
}

// The paths of `needed` that no path of `granted` covers, sorted; nothing when "*" is granted.
std::vector<std::string> Uncovered(const std::vector<std::string>& granted, const std::set<std::string>& needed) {
  std::vector<std::string> allowed;
  for (const auto& path : granted) {
    if (path == "*") return {};
    auto [existing, rest] = ToExistingPath(path);
    allowed.push_back((rest.empty() || rest == "." ? existing : existing / rest).lexically_normal().string());
  }
  // Each needed path as far as it exists, a path under another one dropped (buildx's dedupPaths).
  std::vector<std::string> resolved;
  for (const auto& path : needed) resolved.push_back(ToExistingPath(path).first.string());
  std::sort(resolved.begin(), resolved.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
  std::vector<std::string> kept;
  for (const auto& path : resolved) {
    if (std::none_of(kept.begin(), kept.end(), [&](const auto& k) { return IsAtOrUnder(path, k); })) kept.push_back(path);
  }
  std::vector<std::string> out;
  for (const auto& path : kept) {
    if (std::none_of(allowed.begin(), allowed.end(), [&](const auto& a) { return IsAtOrUnder(path, a); })) {
      out.push_back(path);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Where `path` is relative to `working_dir` with at most one ".." (buildx's toRelativePaths).
std::string Shown(const std::string& path, const fs::path& working_dir) {
  std::string rel = fs::path(path).lexically_relative(working_dir).string();
  if (rel.empty() || rel.starts_with("../..")) return path;
  return rel;
}

util::Result<std::optional<bool>> BoolEnv(const EnvLookup& env, std::string_view name) {
  auto value = env(name);
  if (!value) return std::optional<bool>();
  auto parsed = util::ParseGoBool(*value);
  if (!parsed) return util::Fail(util::ErrorKind::kInvalidArgument, "failed to parse {} value {:?}", name, *value);
  return std::optional<bool>(*parsed);
}

}  // namespace

bool Entitlements::empty() const {
  return !network_host && !security_insecure && !ssh && !all_devices && devices.empty() && fs_read.empty() &&
         fs_write.empty() && image_push.empty() && image_load.empty();
}

util::Result<Entitlements> ParseEntitlements(const std::vector<std::string>& allow) {
  Entitlements out;
  for (const auto& entry : allow) {
    if (entry == "network.host") {
      out.network_host = true;
      continue;
    }
    if (entry == "security.insecure") {
      out.security_insecure = true;
      continue;
    }
    if (entry == "ssh") {
      out.ssh = true;
      continue;
    }
    const size_t eq = entry.find('=');
    const std::string key = entry.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : entry.substr(eq + 1);
    if (key == "device") {
      if (value.empty()) {
        out.all_devices = true;
      } else {
        out.devices.push_back(Fields(value).front());
      }
    } else if (key == "fs.read") {
      out.fs_read.push_back(value);
    } else if (key == "fs.write") {
      out.fs_write.push_back(value);
    } else if (key == "fs") {
      out.fs_read.push_back(value);
      out.fs_write.push_back(value);
    } else if (key == "image.push") {
      out.image_push.push_back(value);
    } else if (key == "image.load") {
      out.image_load.push_back(value);
    } else if (key == "image") {
      out.image_push.push_back(value);
      out.image_load.push_back(value);
    } else {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "--allow {:?}: unknown entitlement key {:?} (network.host, security.insecure, ssh, device, "
                        "fs, fs.read, fs.write, image, image.push, image.load)",
                        entry, key);
    }
  }
  return out;
}

void GrantSetValues(const std::vector<std::string>& set_values, Entitlements& granted) {
  for (const auto& set : set_values) {
    const size_t eq = set.find('=');
    if (eq == std::string::npos) continue;
    std::string key = set.substr(0, eq);
    if (key.ends_with('+')) key.pop_back();
    const size_t dot = key.find('.');
    if (dot == std::string::npos) continue;
    const std::string attribute = key.substr(dot + 1);
    const std::string value = set.substr(eq + 1);
    if (attribute == "output") {
      if (auto dest = OutputDestination(value); !dest.empty()) granted.fs_write.push_back(dest);
    } else if (attribute == "cache-to") {
      if (auto dest = LocalCachePath(value, "dest"); !dest.empty()) granted.fs_write.push_back(dest);
    } else if (attribute == "cache-from") {
      if (auto src = LocalCachePath(value, "src"); !src.empty()) granted.fs_read.push_back(src);
    } else if (attribute == "ssh") {
      for (auto& path : SshPaths(value)) granted.fs_read.push_back(std::move(path));
    } else if (attribute == "secrets" || attribute.starts_with("secret")) {
      if (auto file = SecretFile(value); !file.empty()) granted.fs_read.push_back(file);
    } else if (attribute == "entitlements") {
      for (const auto& entry : Fields(value)) {
        if (entry == "network.host") granted.network_host = true;
        if (entry == "security.insecure") granted.security_insecure = true;
      }
    }
  }
}

util::Result<Entitlements> MissingEntitlements(const std::vector<Target>& targets, const Entitlements& granted) {
  Entitlements missing;
  std::set<std::string> reads;
  std::set<std::string> writes;
  std::set<std::string> devices;
  for (const auto& t : targets) {
    for (const auto& entry : OrEmpty(t.entitlements)) {
      if (entry == "network.host" && !granted.network_host) missing.network_host = true;
      if (entry == "security.insecure" && !granted.security_insecure) missing.security_insecure = true;
      if (entry == "device" && !granted.all_devices) missing.all_devices = true;
      if (entry.starts_with("device=") && !granted.all_devices) {
        std::string name = Fields(entry.substr(7)).front();
        if (std::find(granted.devices.begin(), granted.devices.end(), name) == granted.devices.end()) {
          devices.insert(name);
        }
      }
    }
    const std::string context = t.context.value_or(".");
    const bool local_context = IsLocalPath(context);
    if (local_context) reads.insert(context);
    if (!t.dockerfile_inline) {
      const std::string dockerfile = t.dockerfile.value_or("Dockerfile");
      if (dockerfile.starts_with("cwd://")) {
        reads.insert(dockerfile.substr(6));
      } else if (fs::path(dockerfile).is_absolute()) {
        reads.insert(dockerfile);
      } else if (local_context) {
        reads.insert((fs::path(context) / dockerfile).string());
      }
    }
    for (const auto& [name, value] : OrEmpty(t.contexts)) {
      if (IsLocalPath(value)) reads.insert(NamedContextPath(value));
    }
    for (const auto& entry : OrEmpty(t.cache_from)) {
      if (auto src = LocalCachePath(entry, "src"); !src.empty()) reads.insert(src);
    }
    for (const auto& entry : OrEmpty(t.secrets)) {
      if (auto file = SecretFile(entry); !file.empty()) reads.insert(file);
    }
    for (const auto& entry : OrEmpty(t.ssh)) {
      auto paths = SshPaths(entry);
      if (paths.empty() && !granted.ssh) missing.ssh = true;
      reads.insert(paths.begin(), paths.end());
    }
    for (const auto& entry : OrEmpty(t.outputs)) {
      if (auto dest = OutputDestination(entry); !dest.empty()) writes.insert(dest);
    }
    for (const auto& entry : OrEmpty(t.cache_to)) {
      if (auto dest = LocalCachePath(entry, "dest"); !dest.empty()) writes.insert(dest);
    }
  }
  missing.devices.assign(devices.begin(), devices.end());
  missing.fs_read = Uncovered(granted.fs_read, reads);
  missing.fs_write = Uncovered(granted.fs_write, writes);
  return missing;
}

util::Result<EntitlementsDecision> DecideEntitlements(const Entitlements& missing, bool remote,
                                                      const fs::path& working_dir,
                                                      const std::vector<std::string>& argv, const EnvLookup& env) {
  std::vector<std::string> lines;
  std::vector<std::string> flags;
  std::vector<std::string> fs_lines;
  std::vector<std::string> fs_flags;
  if (missing.network_host) {
    lines.push_back(" - Running build containers that can access host network");
    flags.push_back("network.host");
  }
  if (missing.security_insecure) {
    lines.push_back(" - Running privileged containers that can make system changes");
    flags.push_back("security.insecure");
  }
  if (missing.all_devices) {
    lines.push_back(" - Access to CDI devices");
    flags.push_back("device");
  }
  for (const auto& device : missing.devices) {
    lines.push_back(fmt::format(" - Access to device {}", device));
    flags.push_back("device=" + device);
  }
  if (missing.ssh) {
    fs_lines.push_back(" - Forwarding default SSH agent socket");
    fs_flags.push_back("ssh");
  }
  std::vector<std::string> both;
  std::set_intersection(missing.fs_read.begin(), missing.fs_read.end(), missing.fs_write.begin(),
                        missing.fs_write.end(), std::back_inserter(both));
  auto only = [&both](const std::vector<std::string>& paths) {
    std::vector<std::string> out;
    std::set_difference(paths.begin(), paths.end(), both.begin(), both.end(), std::back_inserter(out));
    return out;
  };
  for (const auto& path : both) {
    fs_lines.push_back(fmt::format(" - Read and write access to path {}", Shown(path, working_dir)));
    fs_flags.push_back("fs=" + Shown(path, working_dir));
  }
  for (const auto& path : only(missing.fs_read)) {
    fs_lines.push_back(fmt::format(" - Read access to path {}", Shown(path, working_dir)));
    fs_flags.push_back("fs.read=" + Shown(path, working_dir));
  }
  for (const auto& path : only(missing.fs_write)) {
    fs_lines.push_back(fmt::format(" - Write access to path {}", Shown(path, working_dir)));
    fs_flags.push_back("fs.write=" + Shown(path, working_dir));
  }
  EntitlementsDecision decision;
  if (lines.empty() && fs_lines.empty()) {
    decision.allowed = true;
    return decision;
  }
  std::string allow;
  for (const auto& flag : flags) allow += (allow.empty() ? "" : " ") + ("--allow=" + flag);
  for (const auto& flag : fs_flags) allow += (allow.empty() ? "" : " ") + ("--allow=" + flag);
  std::string& m = decision.message;
  m = "Your build is requesting privileges for following possibly insecure capabilities:\n\n";
  for (const auto& line : lines) m += line + "\n";
  for (const auto& line : fs_lines) m += line + "\n";
  m += fmt::format("\nPass {:?} to grant requested privileges.\n", allow);
  if (auto bake = std::find(argv.begin(), argv.end(), "bake"); bake != argv.end()) {
    std::string before;
    std::string after;
    for (auto it = argv.begin(); it != argv.end(); ++it) {
      std::string& side = it <= bake ? before : after;
      side += (side.empty() ? "" : " ") + *it;
    }
    m += fmt::format("\nYour full command with requested privileges:\n\n{} {} {}\n\n", before, allow, after);
  }
  bool fs_checks = true;
  if (remote) {
    if (auto remote_access = MANIFOLD_TRY(BoolEnv(env, "BAKE_ALLOW_REMOTE_FS_ACCESS"))) fs_checks = !*remote_access;
  }
  auto fs_setting = MANIFOLD_TRY(BoolEnv(env, "BUILDX_BAKE_ENTITLEMENTS_FS"));
  if (fs_setting) fs_checks = *fs_setting;
  if (!fs_checks && lines.empty()) {
    decision.allowed = true;
    return decision;
  }
  if (fs_checks && !fs_setting && !fs_lines.empty()) {
    m += "To disable filesystem entitlements checks, you can set BUILDX_BAKE_ENTITLEMENTS_FS=0 .\n\n";
  }
  return decision;
}

}  // namespace manifold::bake
