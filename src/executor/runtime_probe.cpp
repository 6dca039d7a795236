// ProbeRuntime: does this OCI runtime start a container here? Run `true` in one and see.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>

#include "executor/runtime.hpp"
#include "util/subprocess.hpp"
#include "util/temp_file.hpp"

namespace manifold::executor {

namespace {

namespace fs = std::filesystem;

// Where the host keeps `true` and its libraries; merged-/usr systems have symlinks for most.
constexpr const char* kHostDirs[] = {"usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"};

// The runtime's complaint as one line: runc logs `time=… level=error msg="…"`, crun prints
// the message itself; either way the last non-empty line says what failed.
std::string LastLine(const std::string& text) {
  std::string last;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
    start = end + 1;
  }
  if (size_t msg = last.find("msg=\""); msg != std::string::npos) {
    last = last.substr(msg + 5);
    if (!last.empty() && last.back() == '"') last.pop_back();
  }
  return last.size() > 300 ? last.substr(0, 300) + "…" : last;
}

std::string ProbeConfig() {
  nlohmann::json mounts = nlohmann::json::array();
  mounts.push_back({{"destination", "/proc"}, {"type", "proc"}, {"source", "proc"}});
  mounts.push_back({{"destination", "/dev"}, {"type", "tmpfs"}, {"source", "tmpfs"}, {"options", {"nosuid", "mode=755"}}});
  for (const char* dir : kHostDirs) {
    std::error_code ec;
    fs::path host = fs::path("/") / dir;
    if (fs::is_directory(fs::symlink_status(host, ec))) {
      mounts.push_back({{"destination", host.string()}, {"type", "bind"}, {"source", host.string()},
                        {"options", {"rbind", "ro", "nosuid", "nodev"}}});
    }
  }
  nlohmann::json config = {
      {"ociVersion", "1.0.2"},
      {"process",
       {{"terminal", false},
        {"user", {{"uid", 0}, {"gid", 0}}},
        {"args", {"true"}},
        {"env", {"PATH=/usr/sbin:/usr/bin:/sbin:/bin"}},
        {"cwd", "/"},
        {"noNewPrivileges", true}}},
      {"root", {{"path", "rootfs"}, {"readonly", true}}},
      {"hostname", "manifold-probe"},
      {"mounts", mounts},
      {"linux", {{"namespaces", {{{"type", "pid"}}, {{"type", "ipc"}}, {{"type", "uts"}}, {{"type", "mount"}}}}}},
  };
  return config.dump();
}

}  // namespace

RuntimeProbe ProbeRuntime(const std::string& path) {
  // A user's builds run their containers as root of a user namespace, where `build` and
  // `inspect` probe; a command that stays outside (`version`) cannot start one to try.
  if (::geteuid() != 0) return {false, "not probed outside a build's user namespace (manifold inspect probes there)"};
  std::error_code ec;
  std::string pattern = (fs::temp_directory_path(ec) / "manifold-runtime-probe-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return {false, fmt::format("creating a probe bundle: {}", std::strerror(errno))};
  fs::path bundle = pattern;
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code e;
      fs::remove_all(dir, e);
    }
  } cleanup{bundle};
  // The rootfs is read-only: the mount points must exist (runc would create them, crun not).
  for (const char* point : {"proc", "dev"}) fs::create_directories(bundle / "rootfs" / point, ec);
  for (const char* dir : kHostDirs) {
    // Symlinked dirs (merged /usr: bin -> usr/bin) are recreated as the same symlinks.
    fs::path host = fs::path("/") / dir;
    if (fs::is_symlink(host, ec)) {
      fs::create_symlink(fs::read_symlink(host, ec), bundle / "rootfs" / dir, ec);
    }
  }
  if (auto written = util::WriteFileAtomic(bundle / "config.json", ProbeConfig()); !written) {
    return {false, written.error().What()};
  }
  std::random_device rd;
  std::string id = fmt::format("manifold-probe-{}-{:08x}", ::getpid(), rd());
  std::string state = (bundle / "state").string();
  auto run = util::RunProcess({path, "--root", state, "run", "--bundle", bundle.string(), id});
  (void)util::RunProcess({path, "--root", state, "delete", "--force", id});
  if (!run) return {false, run.error().What()};
  if (run->exit_code == 0) return {true, ""};
  std::string message = LastLine(run->err + "\n" + run->out);
  if (message.empty()) message = fmt::format("a trivial container exited {}", run->exit_code);
  return {false, message};
}

}  // namespace manifold::executor
