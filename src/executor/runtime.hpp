// executor::Runtime: which OCI runtime runs build containers (crun or runc), and why.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::executor {

/// The OCI runtime chosen for this process.
struct RuntimeChoice {
  std::string name;    ///< "crun", "runc", or the basename of a forced path
  std::string path;    ///< the executable, resolved in PATH
  std::string reason;  ///< why this one: "MANIFOLD_RUNTIME=runc", "crun fails here: …", …

  /// "runc (crun fails here: cgroups in hybrid mode not supported)".
  std::string Describe() const { return name + " (" + reason + ")"; }
};

/// What probing one runtime found.
struct RuntimeProbe {
  bool works = false;
  std::string failure;  ///< when it does not: the runtime's own message, one line
};

/// The machine as DecideRuntime sees it; injected so that the decision is testable.
struct RuntimeHost {
  /// A program name → its executable path in PATH, or nullopt when not installed.
  std::function<std::optional<std::string>(std::string_view name)> find;
  /// Whether the runtime at a path runs a trivial container here.
  std::function<RuntimeProbe(const std::string& path)> probe;
  /// Whether a path (containing '/') is an executable file.
  std::function<bool(const std::string& path)> executable;
};

/// The decision, pure: `forced` (MANIFOLD_RUNTIME: a name looked up in PATH, or a path) wins
/// and is not probed; unset or empty, crun is used when it is installed and its probe runs a
/// container, runc otherwise (the reason says what crun lacked). Errors (kNotFound): a forced
/// runtime that is missing, naming MANIFOLD_RUNTIME; no usable runtime at all.
util::Result<RuntimeChoice> DecideRuntime(std::optional<std::string_view> forced, const RuntimeHost& host);

/// Runs `true` in a throwaway container (empty read-only rootfs with the host's /usr, /bin,
/// /lib… bound read-only, /proc, a tmpfs /dev, mount+pid+ipc+uts namespaces) with the runtime at `path`:
/// it works when the process exits 0. Needs root (reported as a failure otherwise). Costs one
/// container start (~20-70 ms).
RuntimeProbe ProbeRuntime(const std::string& path);

/// DecideRuntime for this machine and MANIFOLD_RUNTIME, computed once per process (the
/// first call probes) and then returned as is. Thread-safe.
const util::Result<RuntimeChoice>& ChosenRuntime();

/// The first executable file `name` in $PATH (the usual directories when it is unset), or nullopt.
std::optional<std::string> FindInPath(std::string_view name);

}  // namespace manifold::executor
