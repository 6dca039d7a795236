// RunContainer: a bundle on a private tmpfs, `<runtime> run` with its output piped to us, then `delete`.
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <thread>
#include <mutex>
#include <optional>
#include <random>

#include "executor/container.hpp"
#include "executor/internal/reaper.hpp"
#include "executor/internal/runtime_errors.hpp"
#include "executor/internal/tied_child.hpp"
#include "executor/runtime.hpp"
#include "executor/slirp_network.hpp"
#include "util/id_map.hpp"
#include "util/mount.hpp"
#include "util/subprocess.hpp"
#include "util/temp_file.hpp"
#include "util/unique_fd.hpp"

namespace manifold::executor {
namespace {

namespace fs = std::filesystem;

// A bundle is a few KiB; the runtime's JSON log holds its errors only.
constexpr const char* kStateTmpfs = "mode=0700,size=8m";

// The container's init once the runtime has written its pid to `pid_file`, as a pidfd; only if
// it is a child of the runtime process `runtime` (so not a pid reused since).
util::UniqueFd InitPidfd(const fs::path& pid_file, pid_t runtime) {
  auto text = util::ReadFile(pid_file);
  if (!text) return {};
  pid_t pid = static_cast<pid_t>(std::strtol(text->c_str(), nullptr, 10));
  if (pid <= 0) return {};
  util::UniqueFd fd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  auto status = util::ReadFile(fmt::format("/proc/{}/status", pid));
  if (!fd || !status || status->find(fmt::format("\nPPid:\t{}\n", runtime)) == std::string::npos) return {};
  return fd;
}

}  // namespace

util::Result<int> RunContainer(const ContainerSpec& spec, const fs::path& state_dir, const OutputFn& output,
                               std::stop_token cancel) {
  const auto& runtime = ChosenRuntime();
  if (!runtime) return std::unexpected(runtime.error());
  const bool rootless = util::CurrentUserNamespace().rootless;
  if (rootless && !spec.cgroup_parent.empty()) MANIFOLD_CHECK(CheckCgroupDelegated(spec.cgroup_parent));
  const std::string program = fs::absolute(runtime->path).string();
  auto* reaper = MANIFOLD_TRY(internal::Reaper::Get());
  std::random_device rd;
  std::string id = fmt::format("manifold-{}-{:08x}", ::getpid(), rd());
  // The bundle (config.json holds the environment, secrets given as env= among it) and the
  // runtime's state (which copies the config) live on a tmpfs of our private mount namespace:
  // never on disk, and gone with the namespace when we die, however we die.
  const fs::path dir = state_dir / id;
  const fs::path bundle = dir / "bundle";
  const fs::path runtime_root = dir / "state";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "creating {}: {}", dir.string(), ec.message());
  struct Cleanup {
    internal::Reaper* reaper;
    std::string runtime, root, id;
    fs::path dir;
    std::optional<util::ScopedMount> tmpfs;
    bool watched = false;
    ~Cleanup() {
      // `run` deletes its container when it exits; only a runtime that died or was killed
      // leaves state behind. Asking for a `delete` anyway starts one more runtime process
      // (~20 ms of a RUN step that takes 60 ms in runc).
      std::error_code gone;
      if (watched && fs::exists(fs::path(root) / id, gone)) {
        (void)util::RunProcess({runtime, "--root", root, "delete", "--force", id});
      }
      if (watched) reaper->Forget(id);
      tmpfs.reset();
      std::error_code e;
      fs::remove_all(dir, e);
    }
  } cleanup{reaper, program, runtime_root.string(), id, dir, std::nullopt};
  cleanup.tmpfs = MANIFOLD_TRY(util::ScopedMount::Mount("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, kStateTmpfs));
  fs::create_directory(bundle, ec);
  fs::create_directory(runtime_root, ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "creating {}: {}", bundle.string(), ec.message());
  MANIFOLD_CHECK(util::WriteFileAtomic(bundle / "hosts", HostsFile(spec)));
  // A rootless step's default network: isolated, with outbound access, where slirp4netns can
  // give it one. Ended (after the container) when this function returns.
  std::optional<SlirpNetwork> slirp;
  std::optional<JoinedNetwork> joined;
  if (spec.network == Network::kDefault && rootless) {
    if (auto binary = UsableSlirp4netns()) {
      slirp.emplace(MANIFOLD_TRY(SlirpNetwork::Start(*binary, bundle)));
      joined = JoinedNetwork{slirp->ns_path(), slirp->resolv_conf()};
    }
  }
  MANIFOLD_CHECK(util::WriteFileAtomic(bundle / "config.json",
                                       RuntimeConfig(spec, bundle / "hosts", id, rootless, joined ? &*joined : nullptr)));

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return util::FailErrno(errno, "pipe");
  util::UniqueFd read_end(fds[0]), write_end(fds[1]);
  util::UniqueFd devnull(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (!devnull) return util::FailErrno(errno, "opening /dev/null");
  internal::ChildStdio stdio;
  if (!spec.inherit_stdio || !spec.stdin_open) stdio.in = devnull.get();
  if (!spec.inherit_stdio) stdio.out = stdio.err = write_end.get();
  std::string log = (bundle / "runtime.log").string();
  const fs::path pid_file = dir / "init.pid";
  std::vector<std::string> argv = {program, "--root", runtime_root.string(), "--log", log, "--log-format", "json"};
  if (runtime->name == "crun" && spec.cgroup_parent.empty()) {
    // No cgroup of its own: the step stays in ours, as any child process of a build would, so
    // that limits set on the build (a CI job's cgroup) hold for its steps, which a cgroup made
    // at the root of each hierarchy would escape. manifold sets no cgroup resource, and the PID
    // namespace still takes every process of the step down with it. Making and joining ten v1
    // cgroups cost ~15-25 ms of every container start on a cold VM (~3 ms warm). runc has no
    // such option; --cgroup-parent asks for a cgroup, and gets one.
    argv.push_back("--cgroup-manager=disabled");
  }
  argv.insert(argv.end(), {"run", "--bundle", bundle.string(), "--pid-file", pid_file.string(), id});
  MANIFOLD_CHECK(reaper->Watch(program, runtime_root.string(), id));
  cleanup.watched = true;
  auto spawned = internal::SpawnTiedChild(argv, stdio);
  if (!spawned) return std::unexpected(std::move(spawned.error()).Context("starting the OCI runtime {}", runtime->Describe()));
  const pid_t pid = *spawned;
  reaper->Attach(id, pid);
  write_end.reset();
  // Once the container's init exists, the reaper gets it too: killing it kills the container
  // at once should we die, where a `delete` would first have to start a runtime.
  // Polled every 10 ms; the wait ends at once when the runtime has exited (request_stop), so
  // that a short step does not wait out a sleep.
  std::mutex init_watch_mutex;
  std::condition_variable_any init_watch_wake;
  std::jthread init_watch([&](std::stop_token stop) {
    std::unique_lock lock(init_watch_mutex);
    while (!stop.stop_requested()) {
      if (auto init = InitPidfd(pid_file, pid)) return reaper->AttachInit(id, init.get());
      init_watch_wake.wait_for(lock, stop, std::chrono::milliseconds(10), [] { return false; });
    }
  });

  std::atomic<bool> exited{false};
  std::stop_callback on_cancel(cancel, [&] {
    // A container still being created refuses `kill`: ask again until it takes or the
    // runtime is gone (about 10 s at most).
    for (int attempt = 0; attempt < 100 && !exited.load(); ++attempt) {
      auto killed = util::RunProcess({program, "--root", runtime_root.string(), "kill", id, "KILL"});
      if (killed && killed->exit_code == 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  std::string pending;
  char buffer[8192];
  for (;;) {
    ssize_t n = ::read(read_end.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    pending.append(buffer, static_cast<size_t>(n));
    for (size_t nl; (nl = pending.find('\n')) != std::string::npos;) {
      if (output) output(std::string_view(pending).substr(0, nl));
      pending.erase(0, nl + 1);
    }
  }
  exited = true;
  if (!pending.empty() && output) output(pending);
  // The runtime is waited for before it is reaped, so that its pid (which InitPidfd checks
  // against) is not reused while the watch runs.
  siginfo_t info{};
  while (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
  }
  init_watch.request_stop();
  init_watch.join();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (std::string errors = internal::RuntimeErrors(log); !errors.empty()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}", internal::WithRuntimeHint(std::move(errors)));
  }
  if (cancel.stop_requested()) return util::Fail(util::ErrorKind::kCancelled, "cancelled");
  return code;
}

}  // namespace manifold::executor
