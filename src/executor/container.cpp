// RunContainer: a bundle on disk, `<runtime> run` with its output piped to us, then `delete`.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>

#include "executor/container.hpp"
#include "executor/runtime.hpp"
#include "util/subprocess.hpp"
#include "util/temp_file.hpp"
#include "util/unique_fd.hpp"

extern char** environ;

namespace manifold::executor {
namespace {

namespace fs = std::filesystem;

// The runtime's log (JSON lines, --log-format json; runc and crun alike) → its error messages.
std::string RuntimeErrors(const fs::path& log) {
  std::ifstream in(log);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    auto entry = nlohmann::json::parse(line, nullptr, false);
    if (!entry.is_object() || entry.value("level", "") != "error") continue;
    out += (out.empty() ? "" : "; ") + entry.value("msg", std::string());
  }
  return out;
}

}  // namespace

util::Result<int> RunContainer(const ContainerSpec& spec, const fs::path& state_dir, const OutputFn& output,
                               std::stop_token cancel) {
  const auto& runtime = ChosenRuntime();
  if (!runtime) return std::unexpected(runtime.error());
  const std::string& program = runtime->path;
  std::random_device rd;
  std::string id = fmt::format("manifold-{}-{:08x}", ::getpid(), rd());
  fs::path bundle = state_dir / id;
  fs::path runtime_root = state_dir / "runtime";
  std::error_code ec;
  fs::create_directories(bundle, ec);
  fs::create_directories(runtime_root, ec);
  if (ec) return util::Fail(util::ErrorKind::kInternal, "creating {}: {}", bundle.string(), ec.message());
  struct Cleanup {
    std::string runtime, root, id;
    fs::path bundle;
    ~Cleanup() {
      (void)util::RunProcess({runtime, "--root", root, "delete", "--force", id});
      std::error_code e;
      fs::remove_all(bundle, e);
    }
  } cleanup{program, runtime_root.string(), id, bundle};

  MANIFOLD_CHECK(util::WriteFileAtomic(bundle / "hosts",
                                       "127.0.0.1\tlocalhost " + spec.hostname + "\n::1\tlocalhost ip6-localhost ip6-loopback\n"));
  MANIFOLD_CHECK(util::WriteFileAtomic(bundle / "config.json", RuntimeConfig(spec, bundle / "hosts")));

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return util::FailErrno(errno, "pipe");
  util::UniqueFd read_end(fds[0]), write_end(fds[1]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!spec.inherit_stdio || !spec.stdin_open) posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  if (!spec.inherit_stdio) {
    posix_spawn_file_actions_adddup2(&actions, write_end.get(), 1);
    posix_spawn_file_actions_adddup2(&actions, write_end.get(), 2);
  }
  std::string log = (bundle / "runtime.log").string();
  std::vector<std::string> argv = {program, "--root", runtime_root.string(), "--log", log, "--log-format", "json",
                                   "run", "--bundle", bundle.string(), id};
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = 0;
  util::CleanSpawnAttr attr;
  int rc = ::posix_spawnp(&pid, args[0], &actions, attr.get(), args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return util::FailErrno(rc, "starting the OCI runtime " + runtime->Describe());
  write_end.reset();

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
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (std::string errors = RuntimeErrors(log); !errors.empty()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}", errors);
  }
  if (cancel.stop_requested()) return util::Fail(util::ErrorKind::kCancelled, "cancelled");
  return code;
}

}  // namespace manifold::executor
