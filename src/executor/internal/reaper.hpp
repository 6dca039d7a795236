// executor::internal::Reaper: a helper process that deletes this process's containers when it dies.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <string>

#include "util/error.hpp"
#include "util/unique_fd.hpp"

namespace manifold::executor::internal {

/// One per process, forked on first use (Get). It waits on a socket; when we die (even by
/// SIGKILL: the kernel closes our end), it SIGKILLs each watched container's init and
/// `runtime run` still alive, and runs `<runtime> --root R delete --force ID` for every container still watched, which
/// kills the container's PID namespace (with QEMU in it, for emulated platforms) and removes
/// its cgroups. It leads a process group of its own and ignores the terminal's signals, so a
/// Ctrl-C or a kill of our process group does not take it down with us. Thread-safe.
class Reaper {
 public:
  /// The process's reaper, started now if it is not running yet. Errors: fork or socket failed.
  static util::Result<Reaper*> Get();

  /// Before the runtime creates container `id` under the runtime root `root`: from now until
  /// Forget(id), our death deletes it. `runtime` is an absolute path. Errors: the reaper is
  /// gone (a container we start would outlive us, so do not start it); 512 containers are
  /// watched already.
  util::Status Watch(const std::string& runtime, const std::string& root, const std::string& id);
  /// `pid` (our child) runs the runtime for `id`: on our death it is killed before the delete,
  /// so that it cannot go on creating the container. Best effort (the child also dies by its
  /// parent-death signal, see SpawnTiedToUs).
  void Attach(const std::string& id, pid_t pid);
  /// `pidfd` (not taken) is the init of container `id`: on our death it is killed first, and
  /// its PID namespace with it, before any runtime command has to start. Best effort.
  void AttachInit(const std::string& id, int pidfd);
  /// The container is deleted: nothing more to do for it.
  void Forget(const std::string& id);

  pid_t pid() const { return pid_; }

 private:
  Reaper(util::UniqueFd socket, pid_t pid) : socket_(std::move(socket)), pid_(pid) {}
  util::UniqueFd socket_;
  pid_t pid_;
  std::atomic<size_t> watched_{0};
};

}  // namespace manifold::executor::internal
