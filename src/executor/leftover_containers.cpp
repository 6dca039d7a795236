// RemoveLeftoverContainers: containers of a dead build whose runtime state is still on disk.
#include <system_error>

#include "executor/container.hpp"
#include "executor/runtime.hpp"
#include "util/subprocess.hpp"

namespace manifold::executor {

namespace fs = std::filesystem;

namespace {

// The runtime that wrote a container's state, by the file it keeps there (runc: state.json,
// crun: status), found in PATH; else the one this process uses. The dead build may have used
// another runtime than ours (a manifold before crun ran on hybrid hosts used runc), and a
// runtime does not read another's state.
std::optional<std::string> RuntimeOfState(const fs::path& container) {
  std::error_code ec;
  if (fs::exists(container / "state.json", ec)) {
    if (auto runc = FindInPath("runc")) return runc;
  } else if (fs::exists(container / "status", ec)) {
    if (auto crun = FindInPath("crun")) return crun;
  }
  const auto& runtime = ChosenRuntime();
  if (!runtime) return std::nullopt;
  return runtime->path;
}

}  // namespace

void RemoveLeftoverContainers(const fs::path& state_dir) {
  // Runtime roots: `runtime/` (before state moved to a tmpfs), and `<id>/state/` (on disk only
  // if a process ran outside a private mount namespace).
  std::vector<fs::path> roots = {state_dir / "runtime"};
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(state_dir, ec)) roots.push_back(entry.path() / "state");
  for (const auto& root : roots) {
    for (const auto& container : fs::directory_iterator(root, ec)) {
      if (!fs::is_directory(container.path(), ec)) continue;
      auto runtime = RuntimeOfState(container.path());
      if (!runtime) return;
      (void)util::RunProcess({*runtime, "--root", root.string(), "delete", "--force", container.path().filename().string()});
    }
  }
}

}  // namespace manifold::executor
