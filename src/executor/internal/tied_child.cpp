// SpawnTiedChild: vfork, set the parent-death signal, exec; an exec failure comes back by pipe.
#include "executor/internal/tied_child.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/unique_fd.hpp"

extern char** environ;

namespace manifold::executor::internal {

util::Result<pid_t> SpawnTiedChild(const std::vector<std::string>& argv, const ChildStdio& stdio) {
  // Everything the child needs is made before vfork: the child may only make async-signal-safe
  // calls.
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return util::FailErrno(errno, "pipe");
  util::UniqueFd status_r(fds[0]), status_w(fds[1]);
  const pid_t parent = ::getpid();
  // vfork, not fork: the child borrows our memory until it execs, where fork would copy the
  // page tables of a large threaded process and leave every page we write afterwards to a
  // copy-on-write fault (~3 ms per RUN step on the virtual machines we measure on). The child
  // therefore touches no memory of ours beyond its own locals, and runs with every signal
  // blocked until it has reset the handlers it inherited (a handler of ours must never run in
  // it): the same discipline as glibc's posix_spawn, which cannot set PR_SET_PDEATHSIG.
  sigset_t all, before;
  sigfillset(&all);
  ::pthread_sigmask(SIG_SETMASK, &all, &before);
  pid_t pid = ::vfork();
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // we died before the line above took effect
    struct sigaction dfl = {};
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; ++sig) {
      struct sigaction current = {};
      if (sig == SIGKILL || sig == SIGSTOP || ::sigaction(sig, nullptr, &current) != 0) continue;
      if (current.sa_handler != SIG_DFL && current.sa_handler != SIG_IGN) ::sigaction(sig, &dfl, nullptr);
    }
    for (int sig : {SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGPIPE}) ::sigaction(sig, &dfl, nullptr);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    const int wanted[3] = {stdio.in, stdio.out, stdio.err};
    for (int fd = 0; fd < 3; ++fd) {
      if (wanted[fd] >= 0 && ::dup2(wanted[fd], fd) < 0) ::_exit(127);
    }
    // Moved out of the way first, so that one landing on 3 + i cannot overwrite one not yet moved.
    int moved[16];
    const size_t passed = stdio.pass.size() < 16 ? stdio.pass.size() : 16;
    for (size_t i = 0; i < passed; ++i) {
      moved[i] = ::fcntl(stdio.pass[i], F_DUPFD_CLOEXEC, 64);
      if (moved[i] < 0) ::_exit(127);
    }
    for (size_t i = 0; i < passed; ++i) {
      if (::dup2(moved[i], static_cast<int>(3 + i)) < 0) ::_exit(127);
    }
    ::execve(args[0], args.data(), environ);
    int err = errno;
    (void)!::write(status_w.get(), &err, sizeof err);
    ::_exit(127);
  }
  const int vfork_errno = errno;
  ::pthread_sigmask(SIG_SETMASK, &before, nullptr);
  if (pid < 0) return util::FailErrno(vfork_errno, "vfork");
  status_w.reset();
  int err = 0;
  ssize_t n;
  while ((n = ::read(status_r.get(), &err, sizeof err)) < 0 && errno == EINTR) {
  }
  if (n > 0) {
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    return util::FailErrno(err, "starting " + argv[0]);
  }
  return pid;
}

}  // namespace manifold::executor::internal
