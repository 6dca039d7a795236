// MountOverlay: overlayfs through the new mount API, one lower layer at a time.
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>

#include "util/mount.hpp"
#include "util/unique_fd.hpp"

namespace manifold::util {

namespace {

namespace fs = std::filesystem;

// fsconfig copies at most 256 bytes of a string value, NUL included (fs/fsopen.c).
constexpr size_t kFsconfigMaxString = 255;

std::string KernelRelease() {
  struct utsname u {};
  return ::uname(&u) == 0 ? u.release : "unknown";
}

// What the kernel logged on the fs context ("e overlay: failed to ..."), joined: often the only
// explanation of an EINVAL.
std::string ContextLog(int fs_fd) {
  std::string out;
  char buf[512];
  for (;;) {
    ssize_t n = ::read(fs_fd, buf, sizeof buf);
    if (n <= 0) break;
    std::string_view line(buf, static_cast<size_t>(n));
    if (line.size() > 2 && line[1] == ' ') line.remove_prefix(2);  // the "e "/"w "/"i " severity
    if (!out.empty()) out += "; ";
    out += line;
  }
  return out;
}

// Directories named by O_PATH fds held here: "/proc/self/fd/N" is short whatever the path's
// length, and the kernel resolves it in this process, in this mount namespace.
class FdNames {
 public:
  Result<std::string> Name(const fs::path& path) {
    int fd = ::open(path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return FailErrno(errno, "open " + path.string());
    fds_.emplace_back(fd);
    return fmt::format("/proc/self/fd/{}", fd);
  }

 private:
  std::vector<UniqueFd> fds_;
};

std::unexpected<Error> MountError(int err, const OverlaySpec& spec, const fs::path& target, std::string what,
                                  const std::string& log) {
  auto error = FailErrno(err, log.empty() ? what : fmt::format("{} ({})", what, log));
  error.error().Context("mounting overlay at {} over {} lower layers", target.string(), spec.lower.size());
  return error;
}

// The new mount API. false: this kernel lacks it or "lowerdir+" (before 6.8); use mount(2).
Result<bool> MountNew(const OverlaySpec& spec, const fs::path& target) {
  UniqueFd context(::fsopen("overlay", FSOPEN_CLOEXEC));
  if (!context) {
    if (errno == ENOSYS) return false;
    return MountError(errno, spec, target, "fsopen", "");
  }
  FdNames long_names;
  auto set_path = [&](const char* key, const fs::path& path) -> Status {
    std::string value = path.string();
    if (value.size() > kFsconfigMaxString) value = MANIFOLD_TRY(long_names.Name(path));
    if (::fsconfig(context.get(), FSCONFIG_SET_STRING, key, value.c_str(), 0) != 0) {
      int err = errno;
      return MountError(err, spec, target, fmt::format("{} {}", key, path.string()), ContextLog(context.get()));
    }
    return {};
  };
  // "lowerdir+" appends below the layers given so far: the top layer comes first.
  for (auto it = spec.lower.rbegin(); it != spec.lower.rend(); ++it) {
    auto status = set_path("lowerdir+", *it);
    if (!status && it == spec.lower.rbegin() && status.error().message().find("Unknown parameter") != std::string::npos) {
      return false;
    }
    MANIFOLD_CHECK(status);
  }
  if (!spec.upper.empty()) {
    MANIFOLD_CHECK(set_path("upperdir", spec.upper));
    MANIFOLD_CHECK(set_path("workdir", spec.work));
  }
  for (const auto& option : spec.options) {
    size_t eq = option.find('=');
    std::string key = option.substr(0, eq);
    int r = eq == std::string::npos
                ? ::fsconfig(context.get(), FSCONFIG_SET_FLAG, key.c_str(), nullptr, 0)
                : ::fsconfig(context.get(), FSCONFIG_SET_STRING, key.c_str(), option.c_str() + eq + 1, 0);
    if (r != 0) {
      int err = errno;
      return MountError(err, spec, target, "option " + option, ContextLog(context.get()));
    }
  }
  if (::fsconfig(context.get(), FSCONFIG_CMD_CREATE, nullptr, nullptr, 0) != 0) {
    int err = errno;
    return MountError(err, spec, target, "creating the filesystem", ContextLog(context.get()));
  }
  UniqueFd mount(::fsmount(context.get(), FSMOUNT_CLOEXEC, spec.read_only ? MOUNT_ATTR_RDONLY : 0));
  if (!mount) return MountError(errno, spec, target, "fsmount", ContextLog(context.get()));
  if (::move_mount(mount.get(), "", AT_FDCWD, target.c_str(), MOVE_MOUNT_F_EMPTY_PATH) != 0) {
    return MountError(errno, spec, target, "move_mount", "");
  }
  return true;
}

// mount(2)'s data is one page: long chains of long paths need the short fd names.
Status MountLegacy(const OverlaySpec& spec, const fs::path& target) {
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  auto data_with = [&](auto&& name) -> Result<std::string> {
    std::string lower;
    for (auto it = spec.lower.rbegin(); it != spec.lower.rend(); ++it) {
      if (!lower.empty()) lower += ':';
      lower += MANIFOLD_TRY(name(*it));
    }
    std::string data = "lowerdir=" + lower;
    if (!spec.upper.empty()) {
      data += ",upperdir=" + MANIFOLD_TRY(name(spec.upper));
      data += ",workdir=" + MANIFOLD_TRY(name(spec.work));
    }
    for (const auto& option : spec.options) data += "," + option;
    return data;
  };
  bool plain_ok = true;
  auto plain = [&](const fs::path& p) -> Result<std::string> {
    // The option string's separators cannot appear in a name unescaped.
    if (p.string().find_first_of(":,\\") != std::string::npos) plain_ok = false;
    return p.string();
  };
  std::string data = MANIFOLD_TRY(data_with(plain));
  FdNames fd_names;
  if (!plain_ok || data.size() >= page) {
    data = MANIFOLD_TRY(data_with([&](const fs::path& p) { return fd_names.Name(p); }));
  }
  if (data.size() >= page) {
    return Fail(ErrorKind::kInvalidArgument,
                "mounting overlay at {}: {} lower layers do not fit in the mount options of kernel {} "
                "(one page, {} bytes); kernel 6.8 or later mounts up to {} layers",
                target.string(), spec.lower.size(), KernelRelease(), page, kOverlayMaxLowerLayers);
  }
  if (::mount("overlay", target.c_str(), "overlay", spec.read_only ? MS_RDONLY : 0, data.c_str()) != 0) {
    return MountError(errno, spec, target, "mount(2)", "");
  }
  return {};
}

}  // namespace

Result<ScopedMount> MountOverlay(const OverlaySpec& spec, const fs::path& target) {
  if (spec.lower.empty()) return Fail(ErrorKind::kInvalidArgument, "mounting overlay at {}: no lower layer", target.string());
  if (spec.lower.size() > kOverlayMaxLowerLayers) {
    return Fail(ErrorKind::kInvalidArgument,
                "mounting overlay at {}: {} lower layers, but overlayfs stacks at most {} (OVL_MAX_STACK)",
                target.string(), spec.lower.size(), kOverlayMaxLowerLayers);
  }
  const bool mounted = !spec.legacy && MANIFOLD_TRY(MountNew(spec, target));
  if (!mounted) MANIFOLD_CHECK(MountLegacy(spec, target));
  return ScopedMount(target);
}

}  // namespace manifold::util
