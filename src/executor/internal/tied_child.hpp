// executor::internal::SpawnTiedChild: start the OCI runtime as a child that dies with us.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "util/error.hpp"

namespace manifold::executor::internal {

/// The child's stdin, stdout and stderr: a descriptor of ours, or -1 to share ours.
struct ChildStdio {
  int in = -1, out = -1, err = -1;
  /// Descriptors of ours the child gets as 3, 4, … in this order (slirp4netns's --ready-fd).
  std::vector<int> pass;
};

/// Starts `argv` (argv[0] an absolute path) with PR_SET_PDEATHSIG = SIGKILL: when the calling
/// thread ends (and so when the process dies, however) the kernel kills the child, which then
/// creates nothing more. The calling thread must wait for the child. The child gets a clean
/// signal state (nothing blocked; INT, TERM, QUIT, HUP, PIPE at their defaults) and only those
/// of our descriptors that are not close-on-exec. Errors: fork or exec failed (exec's errno).
util::Result<pid_t> SpawnTiedChild(const std::vector<std::string>& argv, const ChildStdio& stdio);

}  // namespace manifold::executor::internal
