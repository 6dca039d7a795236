// PrepareCgroupView: a hybrid host's cgroup2 half hidden in a private mount namespace only.
#include "executor/cgroup_view.hpp"

#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include <gtest/gtest.h>

#include "util/mount.hpp"

namespace manifold::executor {
namespace {

bool IsCgroup2(const char* path) {
  struct statfs st {};
  return ::statfs(path, &st) == 0 && st.f_type == CGROUP2_SUPER_MAGIC;
}

bool HybridHost() {
  struct statfs st {};
  return ::statfs("/sys/fs/cgroup", &st) == 0 && st.f_type == TMPFS_MAGIC && IsCgroup2("/sys/fs/cgroup/unified");
}

// The cgroup v1 mounts under /sys/fs/cgroup as this process sees them.
int V1Hierarchies() {
  int n = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/sys/fs/cgroup", ec)) {
    struct statfs fs {};
    if (::statfs(entry.path().c_str(), &fs) == 0 && fs.f_type == CGROUP_SUPER_MAGIC) ++n;
  }
  return n;
}

// Each case runs in a child: the view is computed once per process, and this one must stay
// outside any namespace of ours. The child's exit code says what went wrong.
int InChild(int (*check)()) {
  pid_t child = ::fork();
  if (child < 0) return -1;
  if (child == 0) ::_exit(check());
  int status = 0;
  if (::waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

TEST(CgroupViewTest, OutsideAPrivateMountNamespaceTheHostIsLeftAlone) {
  ASSERT_FALSE(util::InPrivateMountNamespace()) << "this test binary must not enter one itself";
  const bool hybrid = HybridHost();
  EXPECT_EQ(InChild([] { return PrepareCgroupView() == CgroupView::kHost ? 0 : 1; }), 0);
  EXPECT_EQ(HybridHost(), hybrid);
  EXPECT_EQ(CgroupViewName(CgroupView::kHost), "host");
  EXPECT_EQ(CgroupViewName(CgroupView::kHybridV1Only), "hybrid-v1-only");
}

// As a build does: a private mount namespace first, then the view.
TEST(CgroupViewTest, AHybridHostsCgroup2HalfIsHiddenInOurNamespaceOnly) {
  if (::geteuid() != 0) GTEST_SKIP() << "a private mount namespace needs root";
  if (!HybridHost()) GTEST_SKIP() << "not a hybrid cgroup host";
  static int host_v1;  // read by the child (a copy of this process)
  host_v1 = V1Hierarchies();
  ASSERT_GT(host_v1, 0) << "a hybrid host has v1 hierarchies";
  int code = InChild([] {
    if (!util::EnterPrivateMountNamespace()) return 10;
    if (PrepareCgroupView() != CgroupView::kHybridV1Only) return 11;
    struct stat st {};
    if (::lstat("/sys/fs/cgroup/unified", &st) == 0) return 12;  // no trace of it in here
    if (V1Hierarchies() != host_v1) return 13;  // every v1 hierarchy kept
    if (::mkdir("/sys/fs/cgroup/unified", 0755) == 0 || errno != EROFS) return 14;  // read-only
    if (PrepareCgroupView() != CgroupView::kHybridV1Only) return 15;  // asked again: the same
    return 0;
  });
  EXPECT_EQ(code, 0) << "10 no namespace, 11 not hidden, 12 unified/ seen, 13 v1 pids missing, 14 writable, "
                        "15 changed";
  EXPECT_TRUE(IsCgroup2("/sys/fs/cgroup/unified")) << "the host's mount must stay";
}

}  // namespace
}  // namespace manifold::executor
