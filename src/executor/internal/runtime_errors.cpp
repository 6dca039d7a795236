// Reading the runtime's log, and the hints for the failures users meet in CI containers.
#include "executor/internal/runtime_errors.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

namespace manifold::executor::internal {

std::string RuntimeErrors(const std::filesystem::path& log) {
  std::ifstream in(log);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    auto entry = nlohmann::json::parse(line, nullptr, false);
    if (!entry.is_object() || entry.value("level", "") != "error") continue;
    out += (out.empty() ? "" : "; ") + entry.value("msg", std::string());
  }
  return out;
}

std::string WithRuntimeHint(std::string errors) {
  // runc: `error mounting "proc" to rootfs at "/proc": ... operation not permitted`; crun:
  // "mount `proc` to `proc`: Operation not permitted". The kernel lets a user namespace mount a
  // new proc only where a proc is already fully visible; the masked paths (/proc/kcore,
  // /proc/sys read-only, ...) Docker and Kubernetes put over a container's /proc make that
  // false, so every RUN step of a rootless build there fails.
  const bool proc_mount = errors.find("mounting \"proc\"") != std::string::npos ||
                          errors.find("mount `proc`") != std::string::npos;
  if (proc_mount && (errors.find("operation not permitted") != std::string::npos ||
                     errors.find("Operation not permitted") != std::string::npos)) {
    errors +=
        " (the kernel refuses a step its own /proc inside a container whose /proc has masked paths: "
        "run that container with /proc unmasked: docker run --security-opt systempaths=unconfined, or in "
        "Kubernetes securityContext procMount: Unmasked, as rootless BuildKit's process sandbox requires; "
        "README \"Rootless\")";
  }
  return errors;
}

}  // namespace manifold::executor::internal
