// util::RunProcess: run a program to completion with some stdin, capturing stdout and stderr.
#pragma once

#include <spawn.h>

#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"
#include "util/unique_fd.hpp"

namespace manifold::util {

struct ProcessResult {
  int exit_code = 0;  ///< the exit status, or 128 + signal number when killed
  std::string out;
  std::string err;
};

/// Runs `argv` (argv[0] looked up in PATH) with `input` on its stdin and waits for it. Output
/// is collected whole (meant for small helper programs, not streams). The child gets no other
/// file descriptors of ours. Errors: kNotFound when the program does not exist, others when it
/// cannot be started; a non-zero exit is not an error (see exit_code).
Result<ProcessResult> RunProcess(const std::vector<std::string>& argv, std::string_view input = {});

/// RunProcess with exactly `env` ("NAME=value" entries) as the child's environment instead of
/// ours (a git fetch must not see the user's GIT_DIR or read a token from argv).
Result<ProcessResult> RunProcessWithEnv(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                                        std::string_view input = {});

/// A close-on-exec pipe.
Status MakePipe(UniqueFd& read_end, UniqueFd& write_end);

/// posix_spawn attributes that give a child a clean signal state: nothing blocked and the
/// default action for SIGINT, SIGTERM, SIGQUIT and SIGPIPE, whatever this process masks or
/// ignores (the cli blocks SIGINT to turn Ctrl-C into a cancellation).
class CleanSpawnAttr {
 public:
  /// `own_process_group`: the child leads a new process group, so a terminal's Ctrl-C reaches
  /// only us (we cancel it our way) and not the child directly.
  explicit CleanSpawnAttr(bool own_process_group = false);
  ~CleanSpawnAttr();
  CleanSpawnAttr(const CleanSpawnAttr&) = delete;
  CleanSpawnAttr& operator=(const CleanSpawnAttr&) = delete;
  const posix_spawnattr_t* get() const { return &attr_; }

 private:
  posix_spawnattr_t attr_;
};

}  // namespace manifold::util
