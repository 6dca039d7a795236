// Mounts: a private mount namespace for the process, and ScopedMount (unmounted on scope exit).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace manifold::util {

/// Moves the process into a private mount namespace (once; later calls do nothing), so that
/// mounts made for a build vanish with the process even if it is killed. Must run before the
/// process starts threads (unshare(CLONE_NEWNS) implies CLONE_FS). Needs CAP_SYS_ADMIN.
Status EnterPrivateMountNamespace();

/// Whether EnterPrivateMountNamespace() has succeeded in this process: mounts changed now stay
/// ours. Thread-safe.
bool InPrivateMountNamespace();

/// overlayfs's own bound on the lower layers of one mount (OVL_MAX_STACK in the kernel).
inline constexpr size_t kOverlayMaxLowerLayers = 500;

/// An overlayfs mount to make: lower layers and, for a writable mount, upper and work dirs.
struct OverlaySpec {
  /// Lower dirs, bottom first (the order of a snapshot chain); at least one, and at least
  /// two without an upper dir (overlayfs's rule for read-only mounts).
  std::vector<std::filesystem::path> lower;
  std::filesystem::path upper;  ///< empty for a read-only mount (and then `work` too)
  std::filesystem::path work;
  /// Further options as "key=value" (e.g. "index=off"), or "key" for a flag.
  std::vector<std::string> options;
  bool read_only = false;
  /// Mount with one mount(2) option string, as on kernels without "lowerdir+" (before 6.8):
  /// lets tests cover that path on newer kernels. Otherwise chosen automatically.
  bool legacy = false;
};

class ScopedMount;
/// Mounts overlayfs at `target`. Uses the new mount API (fsopen, one fsconfig "lowerdir+" a
/// layer, fsmount, move_mount: kernel 6.8+), so the layer count is not bounded by mount(2)'s
/// page-sized option string; a path too long for fsconfig (256 bytes) is named by an O_PATH fd
/// (/proc/self/fd/N). On older kernels it falls back to mount(2), naming layers by such fds
/// when their paths do not fit in a page. Errors: kInvalidArgument naming the layer count
/// when there are more than kOverlayMaxLowerLayers lower dirs, or (old kernels) when even
/// the short names do not fit, naming the kernel; otherwise FailErrno kinds carrying the
/// kernel's own message and the layer at fault. Thread-safe.
Result<ScopedMount> MountOverlay(const OverlaySpec& spec, const std::filesystem::path& target);

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
  friend Result<ScopedMount> MountOverlay(const OverlaySpec& spec, const std::filesystem::path& target);
  explicit ScopedMount(std::filesystem::path target) : target_(std::move(target)) {}
  std::filesystem::path target_;
};

}  // namespace manifold::util
