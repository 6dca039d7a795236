// BuildScratch and RemoveDeadScratch: liveness by flock, with the pid for older layouts.
#include "cache/build_scratch.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <random>

#include <fmt/format.h>

#include "cache/meta_store.hpp"

namespace manifold::cache {

namespace fs = std::filesystem;

namespace {
constexpr const char* kLockFile = "lock";

// Whether the build that made `dir` (named <kind>-<pid>-<random>) is gone; when it is, the
// lock that proves it is returned through `lock` and must be held while removing.
bool Dead(const fs::path& dir, util::UniqueFd& lock) {
  lock = util::UniqueFd(::open((dir / kLockFile).c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW));
  if (lock) {
    while (::flock(lock.get(), LOCK_EX | LOCK_NB) != 0) {
      if (errno != EINTR) return false;  // held: the build runs
    }
    return true;
  }
  // No lock file: an older manifold's dir, or a new one whose lock is not made yet (then its
  // pid is ours or alive). Pids are reused, so a live pid keeps the dir: only ever too safe.
  const std::string name = dir.filename().string();
  pid_t pid = static_cast<pid_t>(std::strtol(name.c_str() + name.find('-') + 1, nullptr, 10));
  return pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH;
}
}  // namespace

util::Result<BuildScratch> BuildScratch::Create(const fs::path& root, std::string_view kind) {
  std::random_device rd;
  fs::path dir = root / "snapshots" / fmt::format("{}-{}-{:08x}", kind, ::getpid(), rd());
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return util::Fail(util::ErrorKind::kPermissionDenied, "creating {}: {}", dir.string(), ec.message());
  util::UniqueFd lock(::open((dir / kLockFile).c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!lock) return util::FailErrno(errno, "creating " + (dir / kLockFile).string());
  while (::flock(lock.get(), LOCK_EX) != 0) {
    if (errno != EINTR) return util::FailErrno(errno, "locking " + (dir / kLockFile).string());
  }
  return BuildScratch(std::move(dir), std::move(lock));
}

int64_t RemoveDeadScratch(const fs::path& snapshots, const std::function<void(const fs::path&)>& before_remove) {
  int64_t freed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(snapshots, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("build-") && !name.starts_with("run-")) continue;
    if (!entry.is_directory(ec) || entry.is_symlink(ec)) continue;
    util::UniqueFd lock;
    if (!Dead(entry.path(), lock)) continue;
    if (before_remove) before_remove(entry.path());
    freed += DiskUsage(entry.path());
    fs::remove_all(entry.path(), ec);
  }
  return freed;
}

}  // namespace manifold::cache
