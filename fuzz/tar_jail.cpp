// The tar_apply fuzzer's jail: a private mount namespace, everything read-only but one tmpfs.
#include "tar_jail.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace manifold_fuzz {
namespace {

[[noreturn]] void Die(const char* what, int exit_code = 1) {
  std::fprintf(stderr, "tar_apply_fuzz: %s: %s\n", what, std::strerror(errno));
  std::exit(exit_code);
}

bool WriteFile(const char* path, const std::string& text) {
  int fd = ::open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

// Root gets a plain mount namespace; anyone else maps themselves to root of a user namespace.
void Unshare() {
  if (::unshare(CLONE_NEWNS) == 0) return;
  const uid_t uid = ::geteuid();
  const gid_t gid = ::getegid();
  if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
    Die("cannot enter a private mount namespace to confine the fuzzer; skipping", 77);
  }
  if (!WriteFile("/proc/self/setgroups", "deny") ||
      !WriteFile("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
      !WriteFile("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1")) {
    Die("mapping ids in the user namespace");
  }
}

// mount_setattr(2) (Linux 5.12): one call makes a whole tree of mounts read-only.
int MountSetattr(const char* path, unsigned int flags, uint64_t set, uint64_t clear) {
  struct mount_attr attr {};
  attr.attr_set = set;
  attr.attr_clr = clear;
  return ::mount_setattr(AT_FDCWD, path, flags, &attr, sizeof attr);
}

std::string DirOf(std::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

}  // namespace

std::vector<std::string> LibFuzzerOutputDirs(int argc, char** argv) {
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    std::string dir;
    if (!arg.starts_with("-")) {
      struct stat st {};
      if (::stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) dir = arg;
    } else if (arg.starts_with("-artifact_prefix=")) {
      dir = DirOf(arg.substr(std::strlen("-artifact_prefix=")));
      if (arg.ends_with("/")) dir = arg.substr(std::strlen("-artifact_prefix="));
    } else if (arg.starts_with("-exact_artifact_path=")) {
      dir = DirOf(arg.substr(std::strlen("-exact_artifact_path=")));
    } else if (arg.starts_with("-features_dir=")) {
      dir = arg.substr(std::strlen("-features_dir="));
    }
    char resolved[PATH_MAX];
    if (!dir.empty() && ::realpath(dir.c_str(), resolved) != nullptr) dirs.emplace_back(resolved);
  }
  // fuzz/run_target's scratch dir, fork mode's TMPDIR.
  char resolved[PATH_MAX];
  if (const char* more = std::getenv("MANIFOLD_FUZZ_WRITABLE"); more && ::realpath(more, resolved)) {
    dirs.emplace_back(resolved);
  }
  return dirs;
}

std::string EnterJail(const std::vector<std::string>& writable, int size_mb) {
  // The tmpfs hides whatever the directory holds, in this namespace only; a fixed directory
  // (scripts/fuzz passes one in the build dir) is reused, even by runs at the same time.
  std::string work;
  if (const char* fixed = std::getenv("MANIFOLD_FUZZ_WORKDIR"); fixed && *fixed) {
    work = fixed;
    if (::mkdir(work.c_str(), 0700) != 0 && errno != EEXIST) Die(work.c_str());
  } else {
    const char* tmp = std::getenv("TMPDIR");
    work = std::string(tmp && *tmp ? tmp : "/tmp") + "/manifold-tar-fuzz.XXXXXX";
    if (::mkdtemp(work.data()) == nullptr) Die("creating the work directory");
    std::fprintf(stderr, "tar_apply_fuzz: applying into a tmpfs on %s (left empty on exit)\n", work.c_str());
  }

  Unshare();
  // Nothing mounted from here on may reach the host's namespace.
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) Die("making mounts private");
  for (const auto& dir : writable) {
    if (::mount(dir.c_str(), dir.c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0) Die(dir.c_str());
  }
  if (MountSetattr("/", AT_RECURSIVE, MOUNT_ATTR_RDONLY, 0) != 0) Die("making every mount read-only");
  for (const auto& dir : writable) {
    if (MountSetattr(dir.c_str(), 0, 0, MOUNT_ATTR_RDONLY) != 0) Die(dir.c_str());
  }
  const std::string options = "size=" + std::to_string(size_mb) + "m,mode=0700";
  if (::mount("tmpfs", work.c_str(), "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, options.c_str()) != 0) {
    Die("mounting the tmpfs to apply into");
  }
  // The jail must hold: a write beside the work directory is refused.
  const std::string probe = DirOf(work) + "/manifold-tar-fuzz-probe";
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0 || errno != EROFS) {
    if (fd >= 0) ::unlink(probe.c_str());
    std::fprintf(stderr, "tar_apply_fuzz: %s is writable inside the jail; refusing to run\n", DirOf(work).c_str());
    std::exit(1);
  }
  return work;
}

}  // namespace manifold_fuzz
