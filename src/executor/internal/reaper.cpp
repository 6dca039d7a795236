// Reaper: a forked helper that deletes our containers after we die. After fork() in a threaded
// process the child may only make async-signal-safe calls, so it parses, stores and spawns
// with system calls and fixed-size records only.
#include "executor/internal/reaper.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <climits>
#include <cstring>
#include <mutex>
#include <utility>

extern char** environ;

namespace manifold::executor::internal {
namespace {

// Messages, one per SOCK_SEQPACKET datagram: a kind byte, then NUL-separated fields.
constexpr char kWatch = 'W';   // runtime \0 root \0 id
constexpr char kAttach = 'A';  // id, with the runtime process's pidfd as SCM_RIGHTS
constexpr char kInit = 'I';    // id, with the container's init's pidfd as SCM_RIGHTS
constexpr char kForget = 'F';  // id
constexpr size_t kIdMax = 256;
constexpr size_t kMessageMax = 1 + 2 * PATH_MAX + kIdMax;
// More containers at once than any job limit: a watch beyond it is refused (Watch fails).
constexpr size_t kEntries = 512;

struct Entry {
  bool used;
  int pidfd;       // the runtime process
  int init_pidfd;  // the container's init: killing it kills its whole PID namespace
  char runtime[PATH_MAX];
  char root[PATH_MAX];
  char id[kIdMax];
};

void Sleep(long ns) {
  timespec t{0, ns};
  while (::nanosleep(&t, &t) != 0 && errno == EINTR) {
  }
}

Entry* Find(Entry* table, const char* id) {
  for (size_t i = 0; i < kEntries; ++i) {
    if (table[i].used && std::strcmp(table[i].id, id) == 0) return &table[i];
  }
  return nullptr;
}

// Copies the NUL-terminated field at `*at` (before `end`) into `out`; false when too long or
// unterminated.
bool TakeField(const char** at, const char* end, char* out, size_t size) {
  const char* nul = static_cast<const char*>(std::memchr(*at, '\0', static_cast<size_t>(end - *at)));
  if (nul == nullptr || static_cast<size_t>(nul - *at) >= size) return false;
  std::memcpy(out, *at, static_cast<size_t>(nul - *at) + 1);
  *at = nul + 1;
  return true;
}

void Handle(Entry* table, const char* message, size_t size, int fd) {
  const char* at = message + 1;
  const char* end = message + size;
  char id[kIdMax];
  if (message[0] == kWatch) {
    for (size_t i = 0; i < kEntries; ++i) {
      Entry& e = table[i];
      if (e.used) continue;
      if (TakeField(&at, end, e.runtime, sizeof e.runtime) && TakeField(&at, end, e.root, sizeof e.root) &&
          TakeField(&at, end, e.id, sizeof e.id)) {
        e.used = true;
        e.pidfd = e.init_pidfd = -1;
      }
      break;
    }
  } else if (TakeField(&at, end, id, sizeof id)) {
    Entry* e = Find(table, id);
    if (e != nullptr && (message[0] == kAttach || message[0] == kInit) && fd >= 0) {
      int& slot = message[0] == kAttach ? e->pidfd : e->init_pidfd;
      if (slot >= 0) ::close(slot);
      slot = std::exchange(fd, -1);
    } else if (e != nullptr && message[0] == kForget) {
      for (int f : {e->pidfd, e->init_pidfd}) {
        if (f >= 0) ::close(f);
      }
      e->used = false;
    }
  }
  if (fd >= 0) ::close(fd);
}

// `<runtime> --root R delete --force ID` (stdio: our /dev/null), waited for at most ~10 s.
void Delete(const Entry& e) {
  char force[] = "--force", del[] = "delete", root_flag[] = "--root";
  char* argv[] = {const_cast<char*>(e.runtime), root_flag, const_cast<char*>(e.root), del, force,
                  const_cast<char*>(e.id), nullptr};
  pid_t pid = ::fork();
  if (pid < 0) return;
  if (pid == 0) {
    struct sigaction dfl = {};
    dfl.sa_handler = SIG_DFL;
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE}) ::sigaction(sig, &dfl, nullptr);
    ::execve(argv[0], argv, environ);
    ::_exit(127);
  }
  for (int i = 0; i < 1000; ++i) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) != 0) return;
    Sleep(10'000'000);
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

[[noreturn]] void ReaperMain(int socket, int devnull, pid_t parent) {
  ::prctl(PR_SET_NAME, "manifold-reaper");
  ::setpgid(0, 0);
  struct sigaction ignore = {};
  ignore.sa_handler = SIG_IGN;
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU}) ::sigaction(sig, &ignore, nullptr);
  struct sigaction dfl = {};
  dfl.sa_handler = SIG_DFL;
  ::sigaction(SIGCHLD, &dfl, nullptr);  // waitpid must see our runtime children
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  // Nothing of ours stays open here but the socket: not our stdout (a `$(manifold …)` would
  // wait for us), not a pipe another container's output comes through.
  int sock = ::fcntl(socket, F_DUPFD_CLOEXEC, 10);
  for (int fd = 0; fd < 3; ++fd) ::dup2(devnull, fd);
  ::dup2(sock, 3);
  ::fcntl(3, F_SETFD, FD_CLOEXEC);
  ::close_range(4, ~0U, 0);
  void* memory = ::mmap(nullptr, kEntries * sizeof(Entry), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) ::_exit(1);
  auto* table = static_cast<Entry*>(memory);
  for (;;) {
    char message[kMessageMax + 1];
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
    iovec iov{message, kMessageMax};
    msghdr msg = {};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n = ::recvmsg(3, &msg, MSG_CMSG_CLOEXEC);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF: our parent is gone
    int fd = -1;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) std::memcpy(&fd, CMSG_DATA(c), sizeof fd);
    }
    Handle(table, message, static_cast<size_t>(n), fd);
  }
  // The kernel closes a dying process's files before it sends its children their parent-death
  // signal (and reparents them, us among them): wait for that, so that a runtime still
  // creating a container is dead before we delete it.
  for (int i = 0; i < 1000 && ::getppid() == parent; ++i) Sleep(1'000'000);
  // The containers first (at once, without waiting for a runtime to start), then the runtimes.
  for (size_t i = 0; i < kEntries; ++i) {
    if (table[i].used && table[i].init_pidfd >= 0) ::syscall(SYS_pidfd_send_signal, table[i].init_pidfd, SIGKILL, nullptr, 0);
  }
  for (size_t i = 0; i < kEntries; ++i) {
    if (table[i].used && table[i].pidfd >= 0) ::syscall(SYS_pidfd_send_signal, table[i].pidfd, SIGKILL, nullptr, 0);
  }
  for (size_t i = 0; i < kEntries; ++i) {
    if (!table[i].used || table[i].pidfd < 0) continue;
    pollfd p{table[i].pidfd, POLLIN, 0};
    while (::poll(&p, 1, 2000) < 0 && errno == EINTR) {
    }
  }
  for (size_t i = 0; i < kEntries; ++i) {
    if (table[i].used) Delete(table[i]);
  }
  ::_exit(0);
}

util::Status Send(int socket, pid_t reaper, std::string message, int fd = -1) {
  iovec iov{message.data(), message.size()};
  msghdr msg = {};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  if (fd >= 0) {
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(c), &fd, sizeof fd);
  }
  while (::sendmsg(socket, &msg, MSG_NOSIGNAL) < 0) {
    if (errno == EINTR) continue;
    return util::FailErrno(errno, fmt::format("telling the container reaper (pid {}) about a container; it is gone, "
                                              "so a container could outlive manifold",
                                              reaper));
  }
  return {};
}

}  // namespace

util::Result<Reaper*> Reaper::Get() {
  static std::mutex mu;
  static Reaper* instance = nullptr;  // never deleted: the reaper must see EOF only when we exit
  std::lock_guard lock(mu);
  if (instance != nullptr) return instance;
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) return util::FailErrno(errno, "socketpair");
  util::UniqueFd ours(sv[0]), theirs(sv[1]);
  util::UniqueFd devnull(::open("/dev/null", O_RDWR | O_CLOEXEC));
  if (!devnull) return util::FailErrno(errno, "opening /dev/null");
  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) return util::FailErrno(errno, "starting the container reaper (fork)");
  if (pid == 0) ReaperMain(theirs.get(), devnull.get(), parent);
  instance = new Reaper(std::move(ours), pid);
  return instance;
}

util::Status Reaper::Watch(const std::string& runtime, const std::string& root, const std::string& id) {
  if (runtime.size() >= PATH_MAX || root.size() >= PATH_MAX || id.size() >= kIdMax || runtime.front() != '/') {
    return util::Fail(util::ErrorKind::kInvalidArgument, "container {} at {}: a path too long for the reaper", id, root);
  }
  if (watched_.fetch_add(1) >= kEntries) {
    --watched_;
    return util::Fail(util::ErrorKind::kUnavailable, "more than {} containers at once: the reaper cannot watch {}",
                      kEntries, id);
  }
  std::string message(1, kWatch);
  message += runtime + '\0' + root + '\0' + id + '\0';
  auto sent = Send(socket_.get(), pid_, std::move(message));
  if (!sent) --watched_;
  return sent;
}

void Reaper::Attach(const std::string& id, pid_t pid) {
  util::UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  if (!pidfd) return;
  (void)Send(socket_.get(), pid_, std::string(1, kAttach) + id + '\0', pidfd.get());
}

void Reaper::AttachInit(const std::string& id, int pidfd) {
  (void)Send(socket_.get(), pid_, std::string(1, kInit) + id + '\0', pidfd);
}

void Reaper::Forget(const std::string& id) {
  (void)Send(socket_.get(), pid_, std::string(1, kForget) + id + '\0');
  --watched_;
}

}  // namespace manifold::executor::internal
