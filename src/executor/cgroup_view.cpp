// PrepareCgroupView: a hybrid host's cgroup tree without its cgroup2 half, in our namespace only.
#include "executor/cgroup_view.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <string>

#include "util/mount.hpp"
#include "util/unique_fd.hpp"

namespace manifold::executor {

namespace {

constexpr const char* kCgroupRoot = "/sys/fs/cgroup";
constexpr const char* kHybridUnified = "/sys/fs/cgroup/unified";
constexpr const char* kUnifiedName = "unified";

bool IsFilesystem(const char* path, __fsword_t magic) {
  struct statfs st {};
  return ::statfs(path, &st) == 0 && st.f_type == magic;
}

// Fills the (empty) directory `view` with what `host` holds, "unified" excepted: each v1
// hierarchy's mount cloned from the host's tree and moved there, symlinks ("cpu" →
// "cpu,cpuacct") made again. False at the first failure.
bool CopyHierarchies(int host, int view) {
  util::UniqueFd listing(::openat(host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  DIR* dir = listing ? ::fdopendir(listing.get()) : nullptr;
  if (dir == nullptr) return false;
  listing.release();
  bool ok = true;
  while (dirent* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    if (name == "." || name == ".." || name == kUnifiedName) continue;
    struct stat st {};
    if (::fstatat(host, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) { ok = false; break; }
    if (S_ISLNK(st.st_mode)) {
      char target[256];
      ssize_t n = ::readlinkat(host, name.c_str(), target, sizeof target - 1);
      if (n < 0) { ok = false; break; }
      target[n] = '\0';
      if (::symlinkat(target, view, name.c_str()) != 0) { ok = false; break; }
      continue;
    }
    if (!S_ISDIR(st.st_mode)) continue;
    util::UniqueFd tree(static_cast<int>(::open_tree(host, name.c_str(), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC)));
    if (!tree || ::mkdirat(view, name.c_str(), 0555) != 0 ||
        ::move_mount(tree.get(), "", view, name.c_str(), MOVE_MOUNT_F_EMPTY_PATH) != 0) {
      ok = false;
      break;
    }
  }
  ::closedir(dir);
  return ok;
}

CgroupView Prepare() {
  if (!util::InPrivateMountNamespace()) return CgroupView::kHost;
  // systemd's hybrid layout: v1 hierarchies under a tmpfs, and cgroup2 (no controllers, for
  // process tracking) mounted at unified/. A pure v2 host has cgroup2 at /sys/fs/cgroup itself.
  if (!IsFilesystem(kCgroupRoot, TMPFS_MAGIC) || !IsFilesystem(kHybridUnified, CGROUP2_SUPER_MAGIC)) {
    return CgroupView::kHost;
  }
  // Not an unmount of unified/ alone: crun then takes the directory left under it for a v1
  // hierarchy and creates a directory and a cgroup.procs file there for every container, on the
  // host's tmpfs, hidden under the host's mount and never removed. A tmpfs of our own holding
  // the v1 hierarchies only is a v1 host's layout, which runtimes know.
  util::UniqueFd host(::open(kCgroupRoot, O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!host) return CgroupView::kHost;
  if (::mount("tmpfs", kCgroupRoot, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=755") != 0) {
    return CgroupView::kHost;
  }
  util::UniqueFd view(::open(kCgroupRoot, O_PATH | O_DIRECTORY | O_CLOEXEC));
  // Read-only as the host's: runtimes make cgroups inside the hierarchies, never beside them.
  if (!view || !CopyHierarchies(host.get(), view.get()) ||
      ::mount(nullptr, kCgroupRoot, nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
              nullptr) != 0) {
    ::umount2(kCgroupRoot, MNT_DETACH);  // the host's tree is seen again, as it was
    return CgroupView::kHost;
  }
  return CgroupView::kHybridV1Only;
}

}  // namespace

CgroupView PrepareCgroupView() {
  static const CgroupView view = Prepare();
  return view;
}

std::string_view CgroupViewName(CgroupView view) {
  return view == CgroupView::kHybridV1Only ? "hybrid-v1-only" : "host";
}

}  // namespace manifold::executor
