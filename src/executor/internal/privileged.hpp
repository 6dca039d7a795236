// executor::internal::MakePrivileged: what RUN --security=insecure changes in a runtime config.
#pragma once

#include <nlohmann/json.hpp>

namespace manifold::executor::internal {

/// Turns the sandboxed runtime config `config` (RuntimeConfig's) into a privileged one, as
/// BuildKit's insecure mode and `docker run --privileged` do: every capability of the kernel
/// that this process holds (a runtime cannot grant more), in all five sets, no-new-privileges off, /sys mounted read-write, no masked or read-only paths,
/// every device allowed by the device cgroup, and the host's special device nodes (fuse, cuse,
/// kvm, net/tun, kmsg, loop-control, loopN) created inside — those that exist on the host. Reads
/// /proc/sys/kernel/cap_last_cap and /proc/self/status, and stats /dev; what cannot be read is
/// left out.
void MakePrivileged(nlohmann::json& config);

}  // namespace manifold::executor::internal
