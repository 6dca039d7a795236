// executor::ProbeEmulation: whether the kernel runs another architecture's binaries here, found
// by running one, for where binfmt_misc cannot be read (inside a container, whose /proc has it
// unmounted, while the host's handlers, registered with the F flag, still serve every
// namespace).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace manifold::executor {

/// The architectures a probe binary exists for ("arm64", "arm", "riscv64", "ppc64le", "s390x",
/// "386", as `manifold binfmt install` names them), the host's own left out.
std::vector<std::string> ProbeableArchitectures();

/// The smallest static ELF executable for `arch` (one of ProbeableArchitectures, or "amd64")
/// that calls exit(0): a header, one loadable segment and three instructions. Empty for an
/// architecture without one.
std::string ExitZeroElf(std::string_view arch);

/// Whether a binary of `arch` runs here: ExitZeroElf written (mode 0700) into a new file under
/// `dir` (which must allow exec), run with an empty environment, exit status 0; the file is
/// removed. False when anything fails (no handler: execve's ENOEXEC).
bool ProbeEmulation(std::string_view arch, const std::filesystem::path& dir);

}  // namespace manifold::executor
