// The tar_apply fuzzer's jail: the whole filesystem read-only except a fresh tmpfs to apply into.
#pragma once

#include <string>
#include <vector>

namespace manifold_fuzz {

/// Enters a private mount namespace in which every mount is read-only except a new tmpfs
/// (nosuid, nodev, noexec, `size_mb` large) mounted on $MANIFOLD_FUZZ_WORKDIR (created when
/// missing) or else on a new directory under $TMPDIR, whose path is returned, and the directories in `writable` (libFuzzer's corpus and artifact dirs), which
/// stay writable. So a layer that escapes its root can at worst hit EROFS, never the host's
/// files; nodev means a device node it makes cannot be opened, and a hard link out of the
/// tmpfs fails with EXDEV. Mounts made here never propagate to the host (MS_PRIVATE).
/// Exits the process with 77 (the tests' skip code) and a message when the kernel refuses a
/// mount namespace (neither root nor unprivileged user namespaces).
std::string EnterJail(const std::vector<std::string>& writable, int size_mb);

/// The directories of libFuzzer's command line that it writes to: corpus directories (the
/// non-flag arguments that are directories) and the directories of -artifact_prefix=,
/// -exact_artifact_path= and -features_dir=, and $MANIFOLD_FUZZ_WRITABLE when set.
std::vector<std::string> LibFuzzerOutputDirs(int argc, char** argv);

}  // namespace manifold_fuzz
