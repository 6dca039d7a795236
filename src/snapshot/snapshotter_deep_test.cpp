// Snapshots over deep chains: more layers than mount(2)'s option page holds, and past overlayfs's.
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "snapshot/snapshotter.hpp"
#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"

namespace manifold::snapshot {
namespace {

namespace fs = std::filesystem;

class DeepChainTest : public ::testing::TestWithParam<SnapshotterKind> {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "snapshots need root";
    auto ns = util::EnterPrivateMountNamespace();
    ASSERT_TRUE(ns) << ns.error().What();
    SnapshotterOptions options;
    options.scratch = dir_ / "scratch";
    // Diff dirs where a build keeps them: MANIFOLD_ROOT's store, 12-hex-digit names.
    options.diffs = dir_ / "var/lib/manifold/snapshots/diffs";
    options.kind = GetParam();
    auto s = Snapshotter::Open(std::move(options));
    ASSERT_TRUE(s) << s.error().What();
    snapshotter_ = std::move(*s);
  }
  // `depth` committed layers, layer i adding /f<i> and rewriting /top.
  SnapshotRef Chain(size_t depth) {
    SnapshotRef top;
    for (size_t i = 0; i < depth; ++i) {
      auto diff = snapshotter_->NewDiffDir();
      EXPECT_TRUE(diff);
      std::ofstream(*diff / fmt::format("f{}", i)) << i;
      std::ofstream(*diff / "top") << i;
      top = std::make_shared<const Snapshot>(*diff, top);
    }
    return top;
  }
  testing::TempDir dir_;
  std::unique_ptr<Snapshotter> snapshotter_;
};

TEST_P(DeepChainTest, TwoHundredLayersPrepareAndView) {
  SnapshotRef top = Chain(200);
  auto m = snapshotter_->Prepare(top);
  ASSERT_TRUE(m) << m.error().What();
  EXPECT_EQ(*util::ReadFile(m->merged() / "top"), "199");
  for (int i : {0, 1, 100, 199}) EXPECT_EQ(*util::ReadFile(m->merged() / fmt::format("f{}", i)), std::to_string(i));
  std::ofstream(m->merged() / "f0") << "changed";
  auto next = m->Commit();
  ASSERT_TRUE(next) << next.error().What();
  EXPECT_EQ(*util::ReadFile((*next)->diff_dir() / "f0"), "changed");
  EXPECT_FALSE(fs::exists((*next)->diff_dir() / "f1")) << "the diff holds only the change";

  auto view = snapshotter_->View(*next);
  ASSERT_TRUE(view) << view.error().What();
  size_t files = std::distance(fs::directory_iterator(view->path()), {});
  EXPECT_EQ(files, 201u);
  EXPECT_EQ(*util::ReadFile(view->path() / "f0"), "changed");
}

TEST_P(DeepChainTest, PastOverlayfsStackingLimit) {
  SnapshotRef top = Chain(util::kOverlayMaxLowerLayers + 1);
  auto m = snapshotter_->Prepare(top);
  if (GetParam() == SnapshotterKind::kNative) {
    ASSERT_TRUE(m) << "copies have no depth limit: " << m.error().What();
    EXPECT_EQ(*util::ReadFile(m->merged() / "top"), "500");
    return;
  }
  ASSERT_FALSE(m);
  const std::string what = m.error().What();
  EXPECT_NE(what.find("501 layers"), std::string::npos) << what;
  EXPECT_NE(what.find("at most 500"), std::string::npos) << what;
  EXPECT_NE(what.find("MANIFOLD_SNAPSHOTTER=native"), std::string::npos) << what;
  auto view = snapshotter_->View(top);
  ASSERT_FALSE(view);
  EXPECT_NE(view.error().What().find("at most 500"), std::string::npos) << view.error().What();
}

INSTANTIATE_TEST_SUITE_P(Kinds, DeepChainTest,
                         ::testing::Values(SnapshotterKind::kOverlay, SnapshotterKind::kNative),
                         [](const auto& info) { return std::string(SnapshotterKindName(info.param)); });

}  // namespace
}  // namespace manifold::snapshot
