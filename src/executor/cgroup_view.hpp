// executor::PrepareCgroupView: the cgroup layout OCI runtimes see from manifold's mount namespace.
#pragma once

#include <string_view>

namespace manifold::executor {

/// What PrepareCgroupView() left the runtime to see.
enum class CgroupView {
  kHost,          ///< the host's layout, unchanged
  kHybridV1Only,  ///< a hybrid host's cgroup v1 hierarchies only: its cgroup2 half hidden from us
};

/// On a hybrid cgroup host (cgroup v1 controllers on a tmpfs at /sys/fs/cgroup, the cgroup2
/// tree at /sys/fs/cgroup/unified), covers /sys/fs/cgroup in our private mount namespace with a
/// read-only tmpfs holding the host's v1 hierarchies only (their mounts cloned, not unified/),
/// so that runtimes started from here see a plain cgroup v1 host. Why: crun, which starts a
/// container in a third of runc's time here (~6 ms against ~17 ms warm), refuses hybrid layouts
/// (DESIGN.md "Runtimes and emulation") and runs on v1 alone; the hybrid cgroup2 tree holds no
/// controllers, so a container loses no limit. The host's mounts and every other process are
/// untouched; cgroups made through the view are the host's own v1 cgroups.
/// Changes nothing (kHost) on pure v1 or v2 hosts, outside a private mount namespace
/// (util::EnterPrivateMountNamespace: never the host's own mounts), or where a mount is refused;
/// a view half made is taken down again. A rootless build makes it too: root of its user
/// namespace may mount over the host's mounts and clone them, not unmount them. Done once per
/// process; later calls return the first answer. Thread-safe.
CgroupView PrepareCgroupView();

/// "host" or "hybrid-v1-only": for memos of facts that depend on the view.
std::string_view CgroupViewName(CgroupView view);

}  // namespace manifold::executor
