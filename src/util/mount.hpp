// Mounts: a private mount namespace for the process, and ScopedMount (unmounted on scope exit).
#pragma once

#include <filesystem>
#include <string>

#include "util/error.hpp"

namespace manifold::util {

/// Moves the process into a private mount namespace (once; later calls do nothing), so that
/// mounts made for a build vanish with the process even if it is killed. Must run before the
/// process starts threads (unshare(CLONE_NEWNS) implies CLONE_FS). Needs CAP_SYS_ADMIN.
Status EnterPrivateMountNamespace();

/// A mount that is detached (MNT_DETACH) when the object is destroyed. Move-only.
class ScopedMount {
 public:
  ScopedMount() = default;
  /// mount(2) `source` of `fstype` at `target` with `options` (the data string) and `flags`.
  static Result<ScopedMount> Mount(const std::string& source, const std::filesystem::path& target,
                                   const std::string& fstype, unsigned long flags,
                                   const std::string& options);
  ScopedMount(ScopedMount&& other) noexcept : target_(std::move(other.target_)) { other.target_.clear(); }
  ScopedMount& operator=(ScopedMount&& other) noexcept;
  ScopedMount(const ScopedMount&) = delete;
  ~ScopedMount() { (void)Unmount(); }

  /// Unmounts now; reports failure. Idempotent.
  Status Unmount();
  const std::filesystem::path& target() const { return target_; }

 private:
  explicit ScopedMount(std::filesystem::path target) : target_(std::move(target)) {}
  std::filesystem::path target_;
};

}  // namespace manifold::util
