// RunProcessInImage: a writable snapshot, the user resolved, our stdio handed to the container.
#include "worker/run_image.hpp"

#include <algorithm>

#include "executor/container.hpp"
#include "worker/process_spec.hpp"

namespace manifold::worker {

util::Result<int> RunProcessInImage(const snapshot::SnapshotRef& image, snapshot::Snapshotter& snapshotter,
                                    const std::filesystem::path& state_dir, const ProcessOptions& options) {
  auto rootfs = MANIFOLD_TRY(snapshotter.Prepare(image));  // dropped uncommitted: writes vanish
  const auto& root = rootfs.merged();
  auto spec = MANIFOLD_TRY(ProcessSpec(root, options.args, options.env, options.cwd, options.user));
  if (options.tty && std::none_of(spec.env.begin(), spec.env.end(), [](const std::string& e) { return e.starts_with("TERM="); })) {
    spec.env.push_back("TERM=xterm");
  }
  spec.network = options.host_network ? executor::Network::kHost : executor::Network::kNone;
  spec.hostname = options.hostname;
  spec.inherit_stdio = true;
  spec.stdin_open = options.interactive;
  spec.terminal = options.tty;
  return executor::RunContainer(spec, state_dir, {});
}

}  // namespace manifold::worker
