// EnterUserNamespace: fork, unshare(CLONE_NEWUSER) in the child, map its ids from the parent.
#include "executor/user_namespace.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "util/subprocess.hpp"
#include "util/temp_file.hpp"

namespace manifold::executor {
namespace {

volatile sig_atomic_t g_child = 0;

void Forward(int sig, siginfo_t* info, void*) {
  // The terminal's signals (SI_KERNEL) reach the child by itself, in our process group: sending
  // them again would turn one Ctrl-C into two (the second one aborts a build's cleanup).
  if (info != nullptr && info->si_code == SI_KERNEL) return;
  if (g_child > 0) ::kill(static_cast<pid_t>(g_child), sig);
}

bool ParseU32(std::string_view s, uint32_t& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

bool WriteProcFile(pid_t pid, const char* name, const std::string& text) {
  std::string path = fmt::format("/proc/{}/{}", pid, name);
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

std::vector<SubIdRange> RangesOf(const char* file, const std::string& name, uint32_t id) {
  auto text = util::ReadFile(file);
  return text ? ParseSubIds(*text, name, id) : std::vector<SubIdRange>{};
}

// Maps the child's ids from outside. Full ranges through the setuid helpers when the user has
// them; else root alone, which an unprivileged parent may write itself (after denying
// setgroups, as user_namespaces(7) requires).
// What a failed newuidmap/newgidmap means, mostly inside a container.
util::Error MapFailed(const char* program, std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (message.starts_with(std::string(program) + ": ")) message.erase(0, std::strlen(program) + 2);
  util::Error error(util::ErrorKind::kPermissionDenied, fmt::format("{}: {}", program, message));
  error.Context(
      "mapping the user's /etc/subuid and /etc/subgid ranges; in a container, {} must be able to gain privileges "
      "(no no_new_privs: allowPrivilegeEscalation) and be installed with file capabilities (`setcap cap_setuid+ep "
      "/usr/bin/newuidmap`, `setcap cap_setgid+ep /usr/bin/newgidmap`) rather than setuid root, which needs "
      "CAP_SYS_ADMIN; or build with a single id (no /etc/subuid line for the user)",
      program);
  return error;
}

util::Status MapIds(pid_t pid) {
  const uid_t uid = ::getuid();
  const gid_t gid = ::getgid();
  std::string name;
  if (struct passwd* pw = ::getpwuid(uid)) name = pw->pw_name;
  auto uids = RangesOf("/etc/subuid", name, uid);
  auto gids = RangesOf("/etc/subgid", name, uid);
  if (!uids.empty() && !gids.empty()) {
    std::vector<std::string> args = IdMapArguments(pid, uid, uids);
    args.insert(args.begin(), "newuidmap");
    auto ran = util::RunProcess(args);
    if (!ran && ran.error().kind() != util::ErrorKind::kNotFound) return std::unexpected(std::move(ran.error()));
    if (ran) {
      if (ran->exit_code != 0) return std::unexpected(MapFailed("newuidmap", ran->err));
      args = IdMapArguments(pid, gid, gids);
      args.insert(args.begin(), "newgidmap");
      ran = MANIFOLD_TRY(util::RunProcess(args));
      if (ran->exit_code != 0) return std::unexpected(MapFailed("newgidmap", ran->err));
      return {};
    }
    // No newuidmap (package uidmap): root alone, below; the steps that need more say so.
  }
  if (!WriteProcFile(pid, "setgroups", "deny") || !WriteProcFile(pid, "uid_map", fmt::format("0 {} 1\n", uid)) ||
      !WriteProcFile(pid, "gid_map", fmt::format("0 {} 1\n", gid))) {
    return util::FailErrno(errno, "writing the user namespace's id map");
  }
  return {};
}

// ssh finds its user name and ~/.ssh through getpwuid(getuid()): uid 0 here, root's entry, whose
// home the user cannot read. In a mount namespace of our own, /etc/passwd gains a first line
// giving uid 0 the user's name, home and shell (getpwuid returns the first match; root's own
// line stays for lookups by name), written to a tmpfs mounted a moment over /tmp (gone once
// detached; the bound file lives on).
util::Status ShowUserAsRoot(uid_t uid) {
  if (::unshare(CLONE_NEWNS) != 0) return util::FailErrno(errno, "unshare(CLONE_NEWNS)");
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return util::FailErrno(errno, "making / private");
  auto passwd = MANIFOLD_TRY(util::ReadFile("/etc/passwd"));
  std::string first;
  const std::string uid_text = std::to_string(uid);
  for (size_t pos = 0; pos < passwd.size() && first.empty();) {
    size_t nl = passwd.find('\n', pos);
    std::string_view line = std::string_view(passwd).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? passwd.size() : nl + 1;
    // name:password:uid:gid:gecos:home:shell
    std::vector<std::string_view> f;
    for (size_t start = 0;;) {
      size_t colon = line.find(':', start);
      f.push_back(line.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
      if (colon == std::string_view::npos) break;
      start = colon + 1;
    }
    if (f.size() == 7 && f[2] == uid_text) first = fmt::format("{}:x:0:0:{}:{}:{}\n", f[0], f[4], f[5], f[6]);
  }
  if (first.empty()) return {};  // no entry of our own to show: root's stays
  if (::mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=1m,mode=0700") != 0) {
    return util::FailErrno(errno, "mounting a tmpfs for /etc/passwd");
  }
  util::Status bound = util::WriteFileAtomic("/tmp/passwd", first + passwd);
  if (bound && ::mount("/tmp/passwd", "/etc/passwd", nullptr, MS_BIND, nullptr) != 0) {
    bound = util::FailErrno(errno, "binding /etc/passwd");
  }
  ::umount2("/tmp", MNT_DETACH);
  return bound;
}

int WaitForwarding(pid_t child) {
  g_child = child;
  struct sigaction sa {};
  sa.sa_sigaction = Forward;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &sa, nullptr);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return 1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

}  // namespace

std::vector<SubIdRange> ParseSubIds(std::string_view text, std::string_view name, uint32_t id) {
  std::vector<SubIdRange> ranges;
  const std::string id_text = std::to_string(id);
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    size_t c1 = line.find(':');
    size_t c2 = c1 == std::string_view::npos ? c1 : line.find(':', c1 + 1);
    if (c2 == std::string_view::npos) continue;
    std::string_view owner = line.substr(0, c1);
    if (owner.empty() || (owner != name && owner != id_text)) continue;
    SubIdRange r;
    if (!ParseU32(line.substr(c1 + 1, c2 - c1 - 1), r.start) || !ParseU32(line.substr(c2 + 1), r.count)) continue;
    if (r.count > 0) ranges.push_back(r);
  }
  return ranges;
}

std::vector<std::string> IdMapArguments(pid_t pid, uint32_t id, const std::vector<SubIdRange>& ranges) {
  std::vector<std::string> args = {std::to_string(pid), "0", std::to_string(id), "1"};
  uint64_t inside = 1;
  for (const auto& r : ranges) {
    // Beyond 2^32 - 1 inside ids the kernel has nothing to map onto.
    if (inside + r.count > 4294967295ULL) break;
    args.push_back(std::to_string(inside));
    args.push_back(std::to_string(r.start));
    args.push_back(std::to_string(r.count));
    inside += r.count;
  }
  return args;
}

util::Result<std::optional<int>> EnterUserNamespace() {
  if (::geteuid() == 0) return std::optional<int>();
  util::UniqueFd to_parent_r, to_parent_w, to_child_r, to_child_w;
  MANIFOLD_CHECK(util::MakePipe(to_parent_r, to_parent_w));
  MANIFOLD_CHECK(util::MakePipe(to_child_r, to_child_w));
  const pid_t parent = ::getpid();
  const uid_t uid = ::getuid();
  pid_t child = ::fork();
  if (child < 0) return util::FailErrno(errno, "fork");
  if (child == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);
    to_parent_r.reset();
    to_child_w.reset();
    char byte = ::unshare(CLONE_NEWUSER) == 0 ? 0 : static_cast<char>(errno);  // errno is never 0
    if (::write(to_parent_w.get(), &byte, 1) != 1) ::_exit(1);
    char go = 0;
    if (::read(to_child_r.get(), &go, 1) != 1 || go != 'g') ::_exit(1);  // the parent reported why
    // The user's supplementary groups stay (shown as nobody here, still honoured by the kernel):
    // a member of the docker group reaches the Engine's socket for --load as before.
    ::setenv(kRootlessEnv, std::to_string(uid).c_str(), 1);
    if (auto shown = ShowUserAsRoot(uid); !shown) {
      return std::unexpected(std::move(shown.error()).Context("showing the user as uid 0 in /etc/passwd"));
    }
    return std::optional<int>();
  }
  to_parent_w.reset();
  to_child_r.reset();
  char byte = 1;
  util::Status mapped;
  if (::read(to_parent_r.get(), &byte, 1) != 1) {
    mapped = util::Fail(util::ErrorKind::kInternal, "the user namespace's child ended early");
  } else if (byte != 0) {
    mapped = util::FailErrno(static_cast<unsigned char>(byte), "unshare(CLONE_NEWUSER)");
    mapped.error().Context(
        "builds as a non-root user need unprivileged user namespaces: on a host, sysctl "
        "user.max_user_namespaces > 0 (and kernel.unprivileged_userns_clone=1 where it exists); in a "
        "container, seccomp and AppArmor profiles that allow unshare (docker run --security-opt "
        "seccomp=unconfined --security-opt apparmor=unconfined; in Kubernetes, securityContext "
        "seccompProfile type Unconfined and appArmorProfile type Unconfined)");
  } else {
    mapped = MapIds(child);
  }
  char go = mapped ? 'g' : 'x';
  {
    // A child that died early must not take us with it through SIGPIPE: its status says why.
    struct sigaction ignore {}, old {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, &old);
    (void)::write(to_child_w.get(), &go, 1);
    ::sigaction(SIGPIPE, &old, nullptr);
  }
  to_child_w.reset();
  int status = WaitForwarding(child);
  if (!mapped) return std::unexpected(std::move(mapped.error()));
  return std::optional<int>(status);
}

}  // namespace manifold::executor
