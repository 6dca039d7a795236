// Snapshotter on real overlayfs: layering, deletions as whiteouts, opaque dirs, views.
#include "snapshot/snapshotter.hpp"

#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "snapshot/overlay_xattr.hpp"
#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"

namespace manifold::snapshot {
namespace {

// Every test runs on both kinds: overlayfs mounts, and the native (copying) fallback.
class SnapshotterTest : public ::testing::TestWithParam<SnapshotterKind> {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "snapshots need root";
    auto ns = util::EnterPrivateMountNamespace();
    ASSERT_TRUE(ns) << ns.error().What();
    auto s = Snapshotter::Open(dir_ / "snapshots", true, GetParam());
    ASSERT_TRUE(s);
    snapshotter_ = std::move(*s);
  }
  static void Write(const std::filesystem::path& p, const std::string& data) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << data;
  }
  testing::TempDir dir_;
  std::unique_ptr<Snapshotter> snapshotter_;
};

TEST_P(SnapshotterTest, LayersStackAndDiffsHoldOnlyChanges) {
  auto m1 = snapshotter_->Prepare(nullptr);
  ASSERT_TRUE(m1) << m1.error().What();
  Write(m1->merged() / "etc/a", "a");
  Write(m1->merged() / "srv/d/b", "b");
  auto s1 = m1->Commit();
  ASSERT_TRUE(s1);

  auto m2 = snapshotter_->Prepare(*s1);
  ASSERT_TRUE(m2);
  EXPECT_EQ(*util::ReadFile(m2->merged() / "etc/a"), "a");
  std::filesystem::remove(m2->merged() / "etc/a");
  std::filesystem::remove_all(m2->merged() / "srv/d");
  std::filesystem::create_directories(m2->merged() / "srv/d");
  Write(m2->merged() / "srv/d/c", "c");
  auto s2 = m2->Commit();
  ASSERT_TRUE(s2);

  auto diff = (*s2)->diff_dir();
  struct stat st {};
  ASSERT_EQ(::lstat((diff / "etc/a").c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode)) << "a deletion is a whiteout device";
  if (GetParam() == SnapshotterKind::kOverlay) {
    char value[8] = {};
    EXPECT_EQ(::lgetxattr((diff / "srv/d").c_str(), OpaqueXattrName(), value, sizeof value), 1);
    EXPECT_FALSE(std::filesystem::exists(diff / "srv/d/b"));
  } else {
    // The copying snapshotter sees a directory kept and its old child deleted.
    ASSERT_EQ(::lstat((diff / "srv/d/b").c_str(), &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode)) << "the replaced dir's old child is whited out";
  }
  auto dirs = snapshotter_->DiffDirs(*s2);
  ASSERT_TRUE(dirs) << dirs.error().What();
  EXPECT_EQ(dirs->size(), 2u);

  auto view = snapshotter_->View(*s2);
  ASSERT_TRUE(view) << view.error().What();
  EXPECT_FALSE(std::filesystem::exists(view->path() / "etc/a"));
  EXPECT_FALSE(std::filesystem::exists(view->path() / "srv/d/b"));
  EXPECT_EQ(*util::ReadFile(view->path() / "srv/d/c"), "c");
  if (GetParam() == SnapshotterKind::kOverlay) {
    EXPECT_NE(::access((view->path() / "srv").c_str(), W_OK) == 0 &&
                  ::mkdir((view->path() / "new").c_str(), 0755) == 0,
              true)
        << "views are read-only";
  }
}

TEST_P(SnapshotterTest, UnchangedFilesStayOutOfTheDiffAndMetadataChangesGetIn) {
  auto m1 = snapshotter_->Prepare(nullptr);
  ASSERT_TRUE(m1);
  Write(m1->merged() / "keep/same", "same");
  Write(m1->merged() / "keep/mode", "mode");
  Write(m1->merged() / "keep/content", "old");
  std::filesystem::create_symlink("same", m1->merged() / "keep/link");
  auto s1 = m1->Commit();
  ASSERT_TRUE(s1);
  auto m2 = snapshotter_->Prepare(*s1);
  ASSERT_TRUE(m2);
  ASSERT_EQ(::chmod((m2->merged() / "keep/mode").c_str(), 0700), 0);
  Write(m2->merged() / "keep/content", "new content");
  std::filesystem::remove(m2->merged() / "keep/link");
  std::filesystem::create_symlink("mode", m2->merged() / "keep/link");
  auto s2 = m2->Commit();
  ASSERT_TRUE(s2) << s2.error().What();
  auto diff = (*s2)->diff_dir();
  EXPECT_FALSE(std::filesystem::exists(diff / "keep/same"));
  struct stat st {};
  ASSERT_EQ(::lstat((diff / "keep/mode").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
  EXPECT_EQ(*util::ReadFile(diff / "keep/content"), "new content");
  EXPECT_EQ(std::filesystem::read_symlink(diff / "keep/link"), "mode");
  auto m3 = snapshotter_->Prepare(*s2);
  ASSERT_TRUE(m3);
  EXPECT_EQ(*util::ReadFile(m3->merged() / "keep/same"), "same");
  EXPECT_EQ(*util::ReadFile(m3->merged() / "keep/content"), "new content");
}

TEST_P(SnapshotterTest, DroppedMutableSnapshotLeavesNothing) {
  {
    auto m = snapshotter_->Prepare(nullptr);
    ASSERT_TRUE(m);
    Write(m->merged() / "x", "x");
  }
  size_t entries = std::distance(std::filesystem::directory_iterator(dir_ / "snapshots"), {});
  EXPECT_EQ(entries, 0u);
}

TEST_P(SnapshotterTest, ViewOfNothingIsEmpty) {
  auto v = snapshotter_->View(nullptr);
  ASSERT_TRUE(v);
  EXPECT_TRUE(std::filesystem::is_empty(v->path()));
}

INSTANTIATE_TEST_SUITE_P(Kinds, SnapshotterTest,
                         ::testing::Values(SnapshotterKind::kOverlay, SnapshotterKind::kNative),
                         [](const auto& info) { return std::string(SnapshotterKindName(info.param)); });

}  // namespace
}  // namespace manifold::snapshot
