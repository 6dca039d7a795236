// flock-based lock between builds and prune.
#include "cache/gc_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>

namespace manifold::cache {

namespace {
util::Result<util::UniqueFd> OpenLock(const std::filesystem::path& root) {
  std::error_code ec;
  std::filesystem::create_directories(root / "cache", ec);
  auto path = root / "cache" / "gc.lock";
  util::UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (!fd) return util::FailErrno(errno, "opening " + path.string());
  return fd;
}

util::Result<util::UniqueFd> Take(const std::filesystem::path& root, int operation) {
  auto fd = MANIFOLD_TRY(OpenLock(root));
  while (::flock(fd.get(), operation) != 0) {
    if (errno == EINTR) continue;
    if (errno == EWOULDBLOCK) return util::Fail(util::ErrorKind::kUnavailable, "a build is running on {}", root.string());
    return util::FailErrno(errno, "locking " + (root / "cache" / "gc.lock").string());
  }
  return fd;
}
}  // namespace

util::Result<GcLock> GcLock::ForBuild(const std::filesystem::path& root) {
  return GcLock(MANIFOLD_TRY(Take(root, LOCK_SH)));
}

util::Result<GcLock> GcLock::ForPrune(const std::filesystem::path& root) {
  return GcLock(MANIFOLD_TRY(Take(root, LOCK_EX)));
}

util::Result<GcLock> GcLock::TryForPrune(const std::filesystem::path& root) {
  return GcLock(MANIFOLD_TRY(Take(root, LOCK_EX | LOCK_NB)));
}

}  // namespace manifold::cache
