// SlirpNetwork: a namespace holder (a forked child that unshares its network namespace and
// waits), slirp4netns attached to it, both ended by closing the descriptors they wait on.
#include "executor/slirp_network.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mutex>

#include <fmt/format.h>

#include "executor/internal/tied_child.hpp"
#include "executor/runtime.hpp"
#include "util/temp_file.hpp"

namespace manifold::executor {

namespace fs = std::filesystem;

namespace {

constexpr int kReadyTimeoutMs = 5000;

// Kills `pid` and reaps it.
void KillChild(pid_t pid) {
  if (pid <= 0) return;
  ::kill(pid, SIGKILL);
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

// The host's resolv.conf with its nameservers replaced by slirp's forwarder (which reads the
// host's own, loopback ones included).
std::string SlirpResolvConf() {
  std::string out = "nameserver 10.0.2.3\n";
  auto host = util::ReadFile("/etc/resolv.conf");
  if (!host) return out;
  size_t start = 0;
  while (start < host->size()) {
    size_t end = host->find('\n', start);
    if (end == std::string::npos) end = host->size();
    std::string_view line(host->data() + start, end - start);
    if (line.starts_with("search") || line.starts_with("options") || line.starts_with("domain")) {
      out += std::string(line) + "\n";
    }
    start = end + 1;
  }
  return out;
}

// Forks the holder: a child in a new network namespace that waits until `release` (the read
// end of a pipe whose write end we keep) reaches end of file. Only async-signal-safe calls
// after fork.
util::Result<pid_t> ForkNamespaceHolder(int release_read, int release_write) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return util::FailErrno(errno, "pipe");
  util::UniqueFd status_r(fds[0]), status_w(fds[1]);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) return util::FailErrno(errno, "fork");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::close(release_write);
    int err = ::unshare(CLONE_NEWNET) == 0 ? 0 : errno;
    (void)!::write(status_w.get(), &err, sizeof err);
    if (err != 0) ::_exit(1);
    char byte;
    while (::read(release_read, &byte, 1) != 0) {
    }
    ::_exit(0);
  }
  status_w.reset();
  int err = 0;
  ssize_t n;
  while ((n = ::read(status_r.get(), &err, sizeof err)) < 0 && errno == EINTR) {
  }
  if (n != static_cast<ssize_t>(sizeof err) || err != 0) {
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    return util::FailErrno(n == static_cast<ssize_t>(sizeof err) ? err : EPIPE,
                           "making a network namespace for the step (unshare)");
  }
  return pid;
}

}  // namespace

std::optional<fs::path> UsableSlirp4netns() {
  static std::once_flag once;
  static std::optional<fs::path> found;
  std::call_once(once, [] {
    auto path = FindInPath("slirp4netns");
    if (path && ::access("/dev/net/tun", R_OK | W_OK) == 0) found = fs::path(*path);
  });
  return found;
}

SlirpNetwork::SlirpNetwork(SlirpNetwork&& other) noexcept
    : holder_(std::exchange(other.holder_, -1)),
      holder_release_(std::move(other.holder_release_)),
      slirp_(std::exchange(other.slirp_, -1)),
      slirp_exit_(std::move(other.slirp_exit_)),
      resolv_conf_(std::move(other.resolv_conf_)) {}

SlirpNetwork::~SlirpNetwork() {
  // Killed rather than asked: neither holds anything to flush (the tap device goes with the
  // namespace), and slirp4netns takes ~25 ms to notice its exit descriptor closing, a cost
  // every RUN step would pay. The descriptors still end them should we die first.
  KillChild(slirp_);
  KillChild(holder_);
}

std::string SlirpNetwork::ns_path() const { return fmt::format("/proc/{}/ns/net", holder_); }

util::Result<SlirpNetwork> SlirpNetwork::Start(const fs::path& slirp4netns, const fs::path& dir) {
  SlirpNetwork network;
  network.resolv_conf_ = dir / "resolv.conf";
  MANIFOLD_CHECK(util::WriteFileAtomic(network.resolv_conf_, SlirpResolvConf()));

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return util::FailErrno(errno, "pipe");
  util::UniqueFd release_r(fds[0]);
  network.holder_release_ = util::UniqueFd(fds[1]);
  network.holder_ = MANIFOLD_TRY(ForkNamespaceHolder(release_r.get(), network.holder_release_.get()));

  if (::pipe2(fds, O_CLOEXEC) != 0) return util::FailErrno(errno, "pipe");
  util::UniqueFd ready_r(fds[0]), ready_w(fds[1]);
  if (::pipe2(fds, O_CLOEXEC) != 0) return util::FailErrno(errno, "pipe");
  util::UniqueFd exit_r(fds[0]);
  network.slirp_exit_ = util::UniqueFd(fds[1]);
  const fs::path log = dir / "slirp4netns.log";
  util::UniqueFd log_fd(::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  util::UniqueFd devnull(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (!log_fd || !devnull) return util::FailErrno(errno, "opening " + log.string());
  internal::ChildStdio stdio;
  stdio.in = devnull.get();
  stdio.out = stdio.err = log_fd.get();
  stdio.pass = {ready_w.get(), exit_r.get()};
  auto slirp = internal::SpawnTiedChild({slirp4netns.string(), "--configure", "--mtu=65520", "--disable-host-loopback",
                                         "--ready-fd=3", "--exit-fd=4", std::to_string(network.holder_), "tap0"},
                                        stdio);
  if (!slirp) return std::unexpected(std::move(slirp.error()).Context("starting slirp4netns for the step's network"));
  network.slirp_ = *slirp;
  ready_w.reset();
  exit_r.reset();

  pollfd ready{ready_r.get(), POLLIN, 0};
  int polled;
  while ((polled = ::poll(&ready, 1, kReadyTimeoutMs)) < 0 && errno == EINTR) {
  }
  char byte = 0;
  if (polled <= 0 || ::read(ready_r.get(), &byte, 1) != 1) {
    std::string said = util::ReadFile(log).value_or("");
    while (!said.empty() && (said.back() == '\n' || said.back() == ' ')) said.pop_back();
    return util::Fail(util::ErrorKind::kUnavailable,
                      "slirp4netns did not set up the step's network{}{} (build with --network=host to use the host's, "
                      "or uninstall slirp4netns)",
                      polled == 0 ? " within 5 s" : "", said.empty() ? "" : ": " + said);
  }
  return network;
}

}  // namespace manifold::executor
