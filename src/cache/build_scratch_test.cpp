// BuildScratch and RemoveDeadScratch: a live build's dir is kept, a dead one's goes, by lock or pid.
#include "cache/build_scratch.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <algorithm>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace manifold::cache {
namespace {

namespace fs = std::filesystem;

// A pid that was ours a moment ago and is dead now (reused only after the pid space wraps).
pid_t DeadPid() {
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  ::waitpid(pid, nullptr, 0);
  return pid;
}

TEST(BuildScratch, LiveBuildsStayDeadOnesGo) {
  testing::TempDir root;
  auto live = BuildScratch::Create(root.path(), "build");
  ASSERT_TRUE(live) << live.error().Describe();
  EXPECT_TRUE(live->dir().filename().string().starts_with(fmt::format("build-{}-", ::getpid())));
  EXPECT_TRUE(fs::exists(live->dir() / "lock"));
  fs::path dead_locked;
  {
    auto gone = BuildScratch::Create(root.path(), "run");  // its lock is free once it goes
    ASSERT_TRUE(gone);
    dead_locked = gone->dir();
  }
  ASSERT_TRUE(fs::exists(dead_locked));
  std::ofstream(dead_locked / "config.json") << "{}";
  // Older versions: no lock file; the pid in the name decides.
  const fs::path old_dead = root / "snapshots" / fmt::format("build-{}-0000abcd", DeadPid());
  const fs::path old_live = root / "snapshots" / fmt::format("build-{}-0000abce", ::getpid());
  const fs::path unrelated = root / "snapshots" / "diffs";
  for (const auto& d : {old_dead, old_live, unrelated}) fs::create_directories(d / "exec");

  std::vector<fs::path> seen;
  int64_t freed = RemoveDeadScratch(root / "snapshots", [&](const fs::path& dead) { seen.push_back(dead); });
  EXPECT_GT(freed, 0);
  EXPECT_TRUE(fs::exists(live->dir() / "lock")) << "a live build's dir was removed";
  EXPECT_TRUE(fs::exists(old_live)) << "a dir of a live pid was removed";
  EXPECT_TRUE(fs::exists(unrelated));
  EXPECT_FALSE(fs::exists(dead_locked));
  EXPECT_FALSE(fs::exists(old_dead));
  std::sort(seen.begin(), seen.end());
  std::vector<fs::path> expected = {old_dead, dead_locked};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(seen, expected);
}

}  // namespace
}  // namespace manifold::cache
