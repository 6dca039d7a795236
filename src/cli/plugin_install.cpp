// Installing manifold as a docker CLI plugin, with a record of what changed so uninstall can
// put everything back.
#include "cli/plugin_install.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/temp_file.hpp"

namespace manifold::cli {

namespace fs = std::filesystem;

namespace {

struct Paths {
  fs::path link;    // plugin_dir/docker-<as>
  fs::path backup;  // what was there before (a real buildx), kept aside
  fs::path record;  // what install changed
  fs::path config;  // docker's config.json
};

Paths PathsFor(const PluginInstallOptions& o) {
  const std::string name = "docker-" + o.as;
  return {o.plugin_dir / name, o.plugin_dir / ("." + name + ".before-manifold"),
          o.plugin_dir / ("." + name + ".manifold-install.json"), o.config_dir / "config.json"};
}

util::Status CheckName(const std::string& as) {
  if (as == "manifold" || as == "buildx") return {};
  return util::Fail(util::ErrorKind::kInvalidArgument, "--as {:?}: use manifold or buildx", as);
}

bool Exists(const fs::path& p) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0;
}

// Whether `link` is a symlink to `binary` (compared after resolving both).
bool LinksTo(const fs::path& link, const fs::path& binary) {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(link, ec))) return false;
  return fs::equivalent(link, binary, ec) && !ec;
}

util::Result<nlohmann::json> ReadConfig(const fs::path& config) {
  if (!Exists(config)) return nlohmann::json::object();
  auto text = MANIFOLD_TRY(util::ReadFile(config));
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} is not a JSON object: fix or move it, then retry",
                      config.string());
  }
  return parsed;
}

util::Status WriteConfig(const fs::path& config, const nlohmann::json& j) {
  std::error_code ec;
  fs::create_directories(config.parent_path(), ec);
  return util::WriteFileAtomic(config, j.dump(1, '\t') + "\n");
}

// An atomic symlink: made beside the link, renamed over it.
util::Status PlaceLink(const fs::path& link, const fs::path& binary) {
  const fs::path temp = link.parent_path() / (".tmp-" + link.filename().string() + "-" + std::to_string(::getpid()));
  ::unlink(temp.c_str());
  if (::symlink(binary.c_str(), temp.c_str()) != 0 || ::rename(temp.c_str(), link.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return util::Fail(util::ErrorKind::kPermissionDenied, "linking {} to {}: {}", link.string(), binary.string(),
                      std::strerror(err));
  }
  return {};
}

}  // namespace

fs::path DockerConfigDir() {
  if (const char* dir = std::getenv("DOCKER_CONFIG"); dir != nullptr && *dir != '\0') return dir;
  const char* home = std::getenv("HOME");
  return fs::path(home != nullptr ? home : "/root") / ".docker";
}

util::Result<std::string> InstallPlugin(const PluginInstallOptions& o) {
  MANIFOLD_CHECK(CheckName(o.as));
  const Paths p = PathsFor(o);
  std::error_code ec;
  fs::create_directories(o.plugin_dir, ec);
  if (ec) return util::Fail(util::ErrorKind::kPermissionDenied, "creating {}: {}", o.plugin_dir.string(), ec.message());

  nlohmann::json record = nlohmann::json::object();
  if (Exists(p.record)) record = nlohmann::json::parse(MANIFOLD_TRY(util::ReadFile(p.record)), nullptr, false);
  if (!record.is_object()) record = nlohmann::json::object();

  std::string said;
  if (LinksTo(p.link, o.binary)) {
    said = fmt::format("{} already links to {}", p.link.string(), o.binary.string());
  } else {
    if (Exists(p.link)) {
      if (Exists(p.backup)) {
        return util::Fail(util::ErrorKind::kConflict,
                          "{} exists and so does {} from an earlier install: run `manifold uninstall --as {}` first",
                          p.link.string(), p.backup.string(), o.as);
      }
      if (::rename(p.link.c_str(), p.backup.c_str()) != 0) {
        return util::Fail(util::ErrorKind::kPermissionDenied, "keeping {} aside: {}", p.link.string(),
                          std::strerror(errno));
      }
      record["backup"] = p.backup.filename().string();
      said = fmt::format("kept the previous {} aside ({}); ", p.link.filename().string(), p.backup.string());
    }
    MANIFOLD_CHECK(PlaceLink(p.link, o.binary));
    record["target"] = o.binary.string();
    said += fmt::format("linked {} to {}", p.link.string(), o.binary.string());
  }

  if (o.as == "buildx") {
    // `docker buildx install` makes `docker build` run buildx: aliases.builder = "buildx".
    auto config = MANIFOLD_TRY(ReadConfig(p.config));
    auto& aliases = config["aliases"];
    if (!aliases.is_object()) aliases = nlohmann::json::object();
    if (!aliases.contains("builder")) {
      aliases["builder"] = "buildx";
      MANIFOLD_CHECK(WriteConfig(p.config, config));
      record["alias"] = true;
      said += fmt::format("; `docker build` now runs it ({} aliases.builder)", p.config.string());
    } else if (aliases["builder"] != "buildx") {
      said += fmt::format("; {} aliases.builder is {} and stays", p.config.string(), aliases["builder"].dump());
    }
  }
  MANIFOLD_CHECK(util::WriteFileAtomic(p.record, record.dump() + "\n"));
  return said;
}

util::Result<std::string> UninstallPlugin(const PluginInstallOptions& o) {
  MANIFOLD_CHECK(CheckName(o.as));
  const Paths p = PathsFor(o);
  nlohmann::json record = nlohmann::json::object();
  if (Exists(p.record)) record = nlohmann::json::parse(MANIFOLD_TRY(util::ReadFile(p.record)), nullptr, false);
  if (!record.is_object()) record = nlohmann::json::object();

  const bool ours = LinksTo(p.link, o.binary) ||
                    (record.contains("target") && record["target"].is_string() &&
                     fs::is_symlink(fs::symlink_status(p.link)) &&
                     fs::read_symlink(p.link).string() == record["target"].get<std::string>());
  if (!Exists(p.link) && !Exists(p.record)) {
    return util::Fail(util::ErrorKind::kNotFound, "{} is not installed (nothing at {})", o.as, p.link.string());
  }
  if (Exists(p.link) && !ours) {
    return util::Fail(util::ErrorKind::kConflict, "{} is not manifold's link: left alone", p.link.string());
  }
  std::string said;
  if (Exists(p.link)) {
    if (::unlink(p.link.c_str()) != 0) {
      return util::Fail(util::ErrorKind::kPermissionDenied, "removing {}: {}", p.link.string(), std::strerror(errno));
    }
    said = fmt::format("removed {}", p.link.string());
  }
  if (record.contains("backup") && Exists(p.backup)) {
    if (::rename(p.backup.c_str(), p.link.c_str()) != 0) {
      return util::Fail(util::ErrorKind::kPermissionDenied, "restoring {}: {}", p.link.string(), std::strerror(errno));
    }
    said += fmt::format("; restored the previous {}", p.link.filename().string());
  }
  if (record.value("alias", false)) {
    auto config = MANIFOLD_TRY(ReadConfig(p.config));
    if (config.contains("aliases") && config["aliases"].is_object() && config["aliases"].value("builder", "") == "buildx") {
      config["aliases"].erase("builder");
      if (config["aliases"].empty()) config.erase("aliases");
      MANIFOLD_CHECK(WriteConfig(p.config, config));
      said += fmt::format("; `docker build` is docker's own again ({})", p.config.string());
    }
  }
  ::unlink(p.record.c_str());
  return said;
}

}  // namespace manifold::cli
