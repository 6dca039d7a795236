// RemoveLeftoverContainers: containers of a dead build whose runtime state is still on disk.
#include <system_error>

#include "executor/container.hpp"
#include "executor/runtime.hpp"
#include "util/subprocess.hpp"

namespace manifold::executor {

namespace fs = std::filesystem;

void RemoveLeftoverContainers(const fs::path& state_dir) {
  // Runtime roots: `runtime/` (before state moved to a tmpfs), and `<id>/state/` (on disk only
  // if a process ran outside a private mount namespace).
  std::vector<fs::path> roots = {state_dir / "runtime"};
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(state_dir, ec)) roots.push_back(entry.path() / "state");
  for (const auto& root : roots) {
    for (const auto& container : fs::directory_iterator(root, ec)) {
      if (!fs::is_directory(container.path(), ec)) continue;
      const auto& runtime = ChosenRuntime();
      if (!runtime) return;
      (void)util::RunProcess({runtime->path, "--root", root.string(), "delete", "--force", container.path().filename().string()});
    }
  }
}

}  // namespace manifold::executor
