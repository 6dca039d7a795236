// executor::RememberedProbe: a runtime probe's result kept for the rest of the machine's boot.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "executor/runtime.hpp"

namespace manifold::executor {

/// Where per-boot facts are kept: /run/manifold for root, $XDG_RUNTIME_DIR/manifold otherwise
/// (both are emptied at boot); empty when neither can be used. MANIFOLD_PROBE_MEMO_DIR
/// overrides (empty = never remember).
std::filesystem::path BootMemoDir();

/// `probe(path)`, or what it returned earlier in this boot for the same runtime binary under the
/// same `conditions`: the memo is keyed by the path and checked against the binary's identity
/// (device, inode, size, mtime, ctime), the boot id and `conditions` (what else the answer
/// depends on in this process, e.g. "cgroups=hybrid-v1-only": PrepareCgroupView()), so an
/// upgraded runtime, a reboot or another view probes again. Whether a runtime can start
/// containers depends on the kernel and the cgroup setup, which only a reboot changes. Saves
/// every build that runs a step one or two container starts (crun's probe: two execs, ~50 ms).
/// A memo that cannot be read or written costs only the probe.
RuntimeProbe RememberedProbe(const std::filesystem::path& memo_dir, const std::string& path,
                             const std::string& conditions,
                             const std::function<RuntimeProbe(const std::string&)>& probe);

}  // namespace manifold::executor
