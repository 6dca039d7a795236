// RunProcessInImage: a writable snapshot, the user resolved, our stdio handed to the container.
#include "worker/run_image.hpp"

#include <unistd.h>

#include <algorithm>

#include "executor/container.hpp"
#include "worker/copy.hpp"
#include "worker/users.hpp"

namespace manifold::worker {

util::Result<int> RunProcessInImage(const snapshot::SnapshotRef& image, snapshot::Snapshotter& snapshotter,
                                    const std::filesystem::path& state_dir, const ProcessOptions& options) {
  auto rootfs = MANIFOLD_TRY(snapshotter.Prepare(image));  // dropped uncommitted: writes vanish
  const auto& root = rootfs.merged();
  auto user = MANIFOLD_TRY(ResolveUser(options.user, root));
  MANIFOLD_TRY(MakeDirectories(root, options.cwd.empty() ? "/" : options.cwd, std::nullopt));

  executor::ContainerSpec spec;
  spec.rootfs = root;
  spec.args = options.args;
  spec.env = options.env;
  if (std::none_of(spec.env.begin(), spec.env.end(), [](const std::string& e) { return e.starts_with("PATH="); })) {
    spec.env.push_back(kDefaultPathEnv);
  }
  if (options.tty && std::none_of(spec.env.begin(), spec.env.end(), [](const std::string& e) { return e.starts_with("TERM="); })) {
    spec.env.push_back("TERM=xterm");
  }
  spec.cwd = options.cwd.empty() ? "/" : options.cwd;
  spec.uid = user.uid;
  spec.gid = user.gid;
  spec.additional_gids = user.groups;
  spec.host_network = options.host_network;
  spec.hostname = options.hostname;
  spec.inherit_stdio = true;
  spec.stdin_open = options.interactive;
  spec.terminal = options.tty;
  return executor::RunContainer(spec, state_dir, {});
}

}  // namespace manifold::worker
