// The runtime decision: MANIFOLD_RUNTIME forces one; otherwise crun where it runs, else runc.
#include "executor/runtime.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "executor/cgroup_view.hpp"
#include "executor/probe_memo.hpp"

namespace manifold::executor {

namespace {

std::string Basename(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool IsExecutableFile(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

}  // namespace

std::optional<std::string> FindInPath(std::string_view name) {
  const char* env = std::getenv("PATH");
  std::string_view dirs = env && *env ? env : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  for (size_t start = 0; start <= dirs.size();) {
    size_t end = dirs.find(':', start);
    if (end == std::string_view::npos) end = dirs.size();
    std::string dir(dirs.substr(start, end - start));
    std::string candidate = (dir.empty() ? "." : dir) + "/" + std::string(name);
    std::error_code ec;
    if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate, ec)) return candidate;
    start = end + 1;
  }
  return std::nullopt;
}

util::Result<RuntimeChoice> DecideRuntime(std::optional<std::string_view> forced, const RuntimeHost& host) {
  if (forced && !forced->empty()) {
    std::string wanted(*forced);
    std::string reason = "MANIFOLD_RUNTIME=" + wanted;
    if (wanted.find('/') != std::string::npos) {
      if (!host.executable(wanted)) {
        return util::Fail(util::ErrorKind::kNotFound,
                          "MANIFOLD_RUNTIME={}: no executable file there (unset MANIFOLD_RUNTIME to use crun "
                          "or runc as detected)",
                          wanted);
      }
      return RuntimeChoice{Basename(wanted), wanted, reason};
    }
    auto path = host.find(wanted);
    if (!path) {
      return util::Fail(util::ErrorKind::kNotFound,
                        "MANIFOLD_RUNTIME={}: {} is not installed (not found in PATH; scripts/setup installs crun "
                        "and runc, or unset MANIFOLD_RUNTIME to use what is detected)",
                        wanted, wanted);
    }
    return RuntimeChoice{wanted, *path, reason};
  }
  // crun first (it starts containers faster and is the default); runc where crun is
  // missing or cannot run containers here (DESIGN.md: hybrid cgroup v1/v2 hosts).
  std::string why_not_crun;
  if (auto crun = host.find("crun")) {
    RuntimeProbe probe = host.probe(*crun);
    if (probe.works) return RuntimeChoice{"crun", *crun, "detected: crun runs containers here"};
    why_not_crun = "crun fails here: " + (probe.failure.empty() ? std::string("unknown error") : probe.failure);
  } else {
    why_not_crun = "crun is not installed";
  }
  auto runc = host.find("runc");
  if (!runc) {
    return util::Fail(util::ErrorKind::kNotFound,
                      "no OCI runtime to run RUN steps: runc is not installed and {} (scripts/setup installs both)",
                      why_not_crun);
  }
  return RuntimeChoice{"runc", *runc, why_not_crun};
}

const util::Result<RuntimeChoice>& ChosenRuntime() {
  // A function-local static: computed once, thread-safe, and the probe runs only for
  // processes that need a runtime (RUN steps, `manifold version`).
  static const util::Result<RuntimeChoice> choice = [] {
    const char* env = std::getenv("MANIFOLD_RUNTIME");
    const std::filesystem::path memo_dir = BootMemoDir();
    // Before any probe: what the runtime can do depends on the cgroups it sees from here.
    const std::string conditions = "cgroups=" + std::string(CgroupViewName(PrepareCgroupView()));
    auto probe = [memo_dir, conditions](const std::string& path) {
      return RememberedProbe(memo_dir, path, conditions, ProbeRuntime);
    };
    RuntimeHost host{FindInPath, probe, IsExecutableFile};
    return DecideRuntime(env ? std::optional<std::string_view>(env) : std::nullopt, host);
  }();
  return choice;
}

}  // namespace manifold::executor
