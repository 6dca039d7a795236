// Mount namespace entry and RAII mounts.
#include "util/mount.hpp"

#include <sched.h>
#include <sys/mount.h>

#include <atomic>
#include <cerrno>
#include <mutex>

namespace manifold::util {

namespace {

std::atomic<bool> in_private_namespace{false};

}  // namespace

Status EnterPrivateMountNamespace() {
  static std::once_flag once;
  static Status result;
  std::call_once(once, [] {
    if (::unshare(CLONE_NEWNS) != 0) {
      result = FailErrno(errno, "unshare(CLONE_NEWNS) (manifold needs root for builds)");
      return;
    }
    // Without this, our mounts would propagate back to the host's shared mounts.
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
      result = FailErrno(errno, "making / a private mount");
      return;
    }
    in_private_namespace = true;
  });
  return result;
}

bool InPrivateMountNamespace() { return in_private_namespace; }

Result<ScopedMount> ScopedMount::Mount(const std::string& source, const std::filesystem::path& target,
                                       const std::string& fstype, unsigned long flags,
                                       const std::string& options) {
  if (::mount(source.c_str(), target.c_str(), fstype.c_str(), flags,
              options.empty() ? nullptr : options.c_str()) != 0) {
    return FailErrno(errno, fmt::format("mount {} at {} ({})", fstype, target.string(), options));
  }
  return ScopedMount(target);
}

ScopedMount& ScopedMount::operator=(ScopedMount&& other) noexcept {
  if (this != &other) {
    (void)Unmount();
    target_ = std::move(other.target_);
    other.target_.clear();
  }
  return *this;
}

Status ScopedMount::Unmount() {
  if (target_.empty()) return {};
  std::filesystem::path target = std::move(target_);
  target_.clear();
  if (::umount2(target.c_str(), MNT_DETACH) != 0) return FailErrno(errno, "unmount " + target.string());
  return {};
}

}  // namespace manifold::util
