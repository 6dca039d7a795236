// Apply's whiteout modes: OCI deletions, overlayfs devices/xattrs, literal names.
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "snapshot/apply.hpp"
#include "snapshot/apply_test_support.hpp"
#include "snapshot/overlay_xattr.hpp"

namespace manifold::snapshot {
namespace {

using test::ApplyFile;
using test::MakeTar;
namespace fs = std::filesystem;

class ApplyWhiteoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The lower layer the whiteouts act on.
    for (auto dir : {"a/dir", "opq/sub", "opq/lowerdir/deep", "b"}) fs::create_directories(Root(dir));
    for (auto file : {"a/keep", "a/gone", "a/dir/x", "opq/old1", "opq/sub/old2", "opq/lowerdir/deep/f"}) {
      std::ofstream(Root(file)) << "lower";
    }
  }
  util::Result<ApplyStats> Run(const std::string& body, WhiteoutMode mode) {
    fs::path tar = s_.tars() / "layer.tar";
    MakeTar(tar, body);
    ApplyOptions options;
    options.whiteouts = mode;
    return ApplyFile(tar, s_.root(), options);
  }
  fs::path Root(const fs::path& rel) const { return s_.root() / rel; }
  bool NoMarkersWritten() const {
    for (const auto& e : fs::recursive_directory_iterator(s_.root())) {
      if (e.path().filename().string().starts_with(".wh.")) return false;
    }
    return true;
  }
  void TearDown() override { EXPECT_TRUE(s_.Untouched()); }
  test::Sentinel s_;
};

constexpr const char* kLayer =
    "d('a')\nf('a/.wh.gone')\nf('a/.wh.dir')\nf('a/.wh.never-existed')\n"
    "d('opq')\nf('opq/.wh..wh..opq')\nf('opq/new', 'n')\nf('opq/sub/new2', 'm')\n"
    "f('b/file', 'same layer')\nf('b/.wh.file')\n";

TEST_F(ApplyWhiteoutTest, ApplyModeDeletesLowerFiles) {
  auto r = Run(kLayer, WhiteoutMode::kApply);
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_TRUE(fs::exists(Root("a/keep")));
  EXPECT_FALSE(fs::exists(Root("a/gone")));
  EXPECT_FALSE(fs::exists(Root("a/dir"))) << "a directory goes recursively";
  EXPECT_EQ(*util::ReadFile(Root("opq/new")), "n");
  EXPECT_EQ(*util::ReadFile(Root("opq/sub/new2")), "m") << "an implied parent of this layer's file stays";
  EXPECT_FALSE(fs::exists(Root("opq/old1")));
  EXPECT_FALSE(fs::exists(Root("opq/sub/old2"))) << "opaque hides lower content at any depth";
  EXPECT_FALSE(fs::exists(Root("opq/lowerdir")));
  EXPECT_EQ(*util::ReadFile(Root("b/file")), "same layer") << "a whiteout never hides its own layer";
  EXPECT_TRUE(NoMarkersWritten());
  EXPECT_EQ(r->whiteouts, 5u);
}

TEST_F(ApplyWhiteoutTest, OpaqueMarkerOrderDoesNotMatter) {
  auto r = Run("d('opq')\nf('opq/new', 'n')\nd('opq/sub')\nf('opq/sub/new2')\nf('opq/.wh..wh..opq')",
               WhiteoutMode::kApply);
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_TRUE(fs::exists(Root("opq/new")));
  EXPECT_TRUE(fs::exists(Root("opq/sub/new2")));
  EXPECT_FALSE(fs::exists(Root("opq/sub/old2"))) << "a merged directory loses its lower children";
  EXPECT_FALSE(fs::exists(Root("opq/old1")));
}

TEST_F(ApplyWhiteoutTest, OpaqueRootAndAufsMetadata) {
  auto r = Run("f('top', 't')\nf('.wh..wh..opq')\nd('.wh..wh.plnk')\nf('.wh..wh.plnk/1.2', 'x')",
               WhiteoutMode::kApply);
  ASSERT_TRUE(r) << r.error().What();
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(s_.root())) names.push_back(e.path().filename());
  EXPECT_EQ(names, std::vector<std::string>{"top"});
  EXPECT_EQ(r->skipped, 2u);
}

TEST_F(ApplyWhiteoutTest, LiteralModeWritesMarkersAsFiles) {
  auto r = Run(kLayer, WhiteoutMode::kLiteral);
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_TRUE(fs::is_regular_file(Root("a/.wh.gone")));
  EXPECT_TRUE(fs::is_regular_file(Root("opq/.wh..wh..opq")));
  EXPECT_TRUE(fs::exists(Root("a/gone")));
  EXPECT_TRUE(fs::exists(Root("opq/old1")));
  EXPECT_EQ(r->whiteouts, 0u);
}

TEST_F(ApplyWhiteoutTest, OverlayModeWritesDevicesAndOpaqueXattrs) {
  if (::geteuid() != 0) GTEST_SKIP() << "overlay whiteouts need CAP_MKNOD and trusted xattrs";
  auto r = Run(kLayer + std::string("d('x', xattrs={'trusted.overlay.opaque': 'y'})\n"), WhiteoutMode::kOverlay);
  ASSERT_TRUE(r) << r.error().What();
  struct stat st {};
  ASSERT_EQ(::lstat(Root("a/gone").c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode)) << "the lower file is replaced by the whiteout device";
  EXPECT_EQ(st.st_rdev, makedev(0, 0));
  ASSERT_EQ(::lstat(Root("a/never-existed").c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  ASSERT_EQ(::lstat(Root("a/dir").c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  char value[4] = {};
  // user.overlay.opaque in a user namespace (rootless), where overlay mounts take "userxattr".
  EXPECT_EQ(::lgetxattr(Root("opq").c_str(), OpaqueXattrName(), value, sizeof value), 1);
  EXPECT_EQ(value[0], 'y');
  EXPECT_TRUE(fs::exists(Root("opq/old1"))) << "overlayfs, not Apply, hides the lower content";
  if (!OverlayUsesUserXattr()) {  // trusted.* is the initial namespace's alone
    EXPECT_EQ(::lgetxattr(Root("x").c_str(), "trusted.overlay.opaque", value, sizeof value), 1)
        << "the overlay format keeps trusted.overlay.* from our own layers";
  }
  EXPECT_TRUE(NoMarkersWritten());
  EXPECT_EQ(r->whiteouts, 5u);
}

}  // namespace
}  // namespace manifold::snapshot
