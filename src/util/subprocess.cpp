// RunProcess: posix_spawnp with three pipes, poll() until both outputs close, then waitpid.
#include "util/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "util/unique_fd.hpp"

extern char** environ;

namespace manifold::util {
namespace {

Result<ProcessResult> Run(const std::vector<std::string>& argv, char* const* envp, std::string_view input);

}  // namespace

Status MakePipe(UniqueFd& read_end, UniqueFd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return FailErrno(errno, "pipe");
  read_end = UniqueFd(fds[0]);
  write_end = UniqueFd(fds[1]);
  return {};
}

Result<ProcessResult> RunProcess(const std::vector<std::string>& argv, std::string_view input) {
  return Run(argv, environ, input);
}

Result<ProcessResult> RunProcessWithEnv(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                                        std::string_view input) {
  std::vector<char*> envp;
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  return Run(argv, envp.data(), input);
}

namespace {

Result<ProcessResult> Run(const std::vector<std::string>& argv, char* const* envp, std::string_view input) {
  if (argv.empty()) return Fail(ErrorKind::kInvalidArgument, "no program to run");
  UniqueFd in_r, in_w, out_r, out_w, err_r, err_w;
  MANIFOLD_CHECK(MakePipe(in_r, in_w));
  MANIFOLD_CHECK(MakePipe(out_r, out_w));
  MANIFOLD_CHECK(MakePipe(err_r, err_w));

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_r.get(), 0);
  posix_spawn_file_actions_adddup2(&actions, out_w.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err_w.get(), 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  CleanSpawnAttr attr;
  int rc = ::posix_spawnp(&pid, args[0], &actions, attr.get(), args.data(), envp);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    if (rc == ENOENT) return Fail(ErrorKind::kNotFound, "{}: program not found in PATH", argv[0]);
    return FailErrno(rc, "starting " + argv[0]);
  }
  in_r.reset();
  out_w.reset();
  err_w.reset();

  // A child that exits without reading its stdin must not kill us with SIGPIPE.
  struct sigaction ignore = {}, previous = {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);
  size_t written = 0;
  while (written < input.size()) {
    ssize_t n = ::write(in_w.get(), input.data() + written, input.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the child closed its stdin: it has what it wants
    written += static_cast<size_t>(n);
  }
  ::sigaction(SIGPIPE, &previous, nullptr);
  in_w.reset();

  ProcessResult result;
  struct pollfd fds[2] = {{out_r.get(), POLLIN, 0}, {err_r.get(), POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open = 2;
  char buffer[4096];
  while (open > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open;
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace

CleanSpawnAttr::CleanSpawnAttr(bool own_process_group) {
  posix_spawnattr_init(&attr_);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int sig : {SIGINT, SIGTERM, SIGQUIT, SIGPIPE}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigmask(&attr_, &none);
  posix_spawnattr_setsigdefault(&attr_, &defaults);
  short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
  if (own_process_group) {
    posix_spawnattr_setpgroup(&attr_, 0);
    flags |= POSIX_SPAWN_SETPGROUP;
  }
  posix_spawnattr_setflags(&attr_, flags);
}

CleanSpawnAttr::~CleanSpawnAttr() { posix_spawnattr_destroy(&attr_); }

}  // namespace manifold::util
