// PrepareCgroupView: a hybrid host's cgroup tree without its cgroup2 half, in our namespace only.
#include "executor/cgroup_view.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <string_view>

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

// One entry of the host's /sys/fs/cgroup made again in the view: a symlink ("cpu" →
// "cpu,cpuacct") as it is, a directory (a v1 hierarchy's mount point) by cloning its mount
// there. Anything else is left out.
bool CopyEntry(int host, int view, const char* name) {
  struct stat st {};
  if (::fstatat(host, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return false;
  if (S_ISLNK(st.st_mode)) {
    char target[256];
    ssize_t n = ::readlinkat(host, name, target, sizeof target - 1);
    if (n < 0) return false;
    target[n] = '\0';
    return ::symlinkat(target, view, name) == 0;
  }
  if (!S_ISDIR(st.st_mode)) return true;
  util::UniqueFd tree(static_cast<int>(::open_tree(host, name, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC)));
  return tree && ::mkdirat(view, name, 0555) == 0 &&
         ::move_mount(tree.get(), "", view, name, MOVE_MOUNT_F_EMPTY_PATH) == 0;
}

// Fills the (empty) directory `view` with what `host` holds but unified/. False at the first
// entry that could not be made.
bool CopyHierarchies(int host, int view) {
  util::UniqueFd listing(::openat(host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  DIR* dir = listing ? ::fdopendir(listing.get()) : nullptr;
  if (dir == nullptr) return false;
  listing.release();  // the DIR owns it now
  bool ok = true;
  while (dirent* entry = ::readdir(dir)) {
    std::string_view name = entry->d_name;
    if (name == "." || name == ".." || name == kUnifiedName) continue;
    if (!CopyEntry(host, view, entry->d_name)) {
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
