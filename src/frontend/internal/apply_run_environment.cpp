// PlatformLowering::ApplyRunEnvironment: the command line's RUN settings and entitlements, per RUN.
#include <algorithm>

#include "frontend/internal/lowering.hpp"

namespace manifold::frontend::internal {

util::Status PlatformLowering::ApplyRunEnvironment(const dockerfile::Instruction& inst, graph::ExecOp& exec) const {
  const dockerfile::RunEnvironment& env = options_.run_env;
  // BuildKit's entitlements, checked on the op that would run (so only for stages the target
  // needs) and here, where the error can name the line.
  if (exec.network == graph::ExecOp::Network::kHost && !env.allow_network_host) {
    return std::unexpected(At(inst, util::Error(util::ErrorKind::kPermissionDenied,
                                                "RUN --network=host needs the network.host entitlement: add "
                                                "--allow network.host to the build command")));
  }
  if (exec.security == graph::ExecOp::Security::kInsecure && !env.allow_security_insecure) {
    return std::unexpected(At(inst, util::Error(util::ErrorKind::kPermissionDenied,
                                                "RUN --security=insecure needs the security.insecure entitlement: add "
                                                "--allow security.insecure to the build command")));
  }
  exec.extra_hosts = env.extra_hosts;
  exec.ulimits = env.ulimits;
  exec.cgroup_parent = env.cgroup_parent;
  // --shm-size is a tmpfs mount over /dev/shm, as BuildKit's Dockerfile frontend adds it (so its
  // size is in the op like any tmpfs mount's); a RUN that mounts its own /dev/shm keeps that one.
  bool own_shm = std::any_of(exec.mounts.begin(), exec.mounts.end(),
                             [](const graph::ExecMount& m) { return m.target == "/dev/shm"; });
  if (env.shm_size > 0 && !own_shm) {
    graph::ExecMount shm;
    shm.type = graph::ExecMount::Type::kTmpfs;
    shm.target = "/dev/shm";
    shm.readonly = false;
    shm.size = env.shm_size;
    exec.mounts.push_back(std::move(shm));
  }
  return {};
}

}  // namespace manifold::frontend::internal
