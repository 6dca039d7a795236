// Apply against hostile archives: nothing is ever written outside the root.
#include <sys/stat.h>
#include <sys/xattr.h>

#include <gtest/gtest.h>

#include "snapshot/apply.hpp"
#include "snapshot/apply_test_support.hpp"

namespace manifold::snapshot {
namespace {

using test::ApplyFile;
using test::MakeTar;
namespace fs = std::filesystem;

class ApplyHostileTest : public ::testing::Test {
 protected:
  // Builds the tar from `body` (python; `OUT` is the outside dir's absolute path) and
  // applies it in kApply mode.
  util::Result<ApplyStats> Run(const std::string& body, const ApplyOptions& options = {}) {
    fs::path tar = s_.tars() / "layer.tar";
    MakeTar(tar, "OUT = '" + s_.outside().string() + "'\n" + body);
    return ApplyFile(tar, s_.root(), options);
  }
  void TearDown() override { EXPECT_TRUE(s_.Untouched()); }
  test::Sentinel s_;
};

TEST_F(ApplyHostileTest, DotDotEntryIsAnErrorNamingIt) {
  for (std::string name : {"../escape", "a/../../x", "./../../outside/secret", ".."}) {
    auto r = Run("f('" + name + "', 'pwned')");
    ASSERT_FALSE(r) << name;
    EXPECT_EQ(r.error().kind(), util::ErrorKind::kInvalidArgument) << r.error().What();
    EXPECT_NE(r.error().What().find(fmt::format("{:?}", name)), std::string::npos) << r.error().What();
    EXPECT_NE(r.error().What().find("outside the root"), std::string::npos) << r.error().What();
  }
  EXPECT_FALSE(fs::exists(s_.root() / "../escape"));
}

TEST_F(ApplyHostileTest, AbsoluteNamesLandInsideTheRoot) {
  auto r = Run("f('/abs/path', 'a')\nf(OUT + '/secret', 'pwned')\nf('/../../dotdot', 'd')");
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(*util::ReadFile(s_.root() / "abs/path"), "a");
  EXPECT_EQ(*util::ReadFile(s_.InRoot(s_.outside()) / "secret"), "pwned");
  EXPECT_EQ(*util::ReadFile(s_.root() / "dotdot"), "d") << "an absolute name's .. stops at /";
}

TEST_F(ApplyHostileTest, AbsoluteSymlinkThenEntryThroughItStaysInside) {
  auto r = Run("sym('link', OUT)\nf('link/pwned', 'x')\nf('link/dir/file', 'y')");
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(fs::read_symlink(s_.root() / "link"), s_.outside()) << "the link itself is verbatim";
  EXPECT_EQ(*util::ReadFile(s_.InRoot(s_.outside()) / "pwned"), "x");
  EXPECT_EQ(*util::ReadFile(s_.InRoot(s_.outside()) / "dir/file"), "y");
  EXPECT_FALSE(fs::exists(s_.outside() / "pwned"));
}

TEST_F(ApplyHostileTest, RelativeEscapingSymlinkIsClampedAtTheRoot) {
  auto r = Run("sym('up', '../../../../..')\nf('up/pwned', 'x')\nsym('a/b/up2', '../../../../outside')\n"
               "f('a/b/up2/secret', 'y')");
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(*util::ReadFile(s_.root() / "pwned"), "x");
  EXPECT_EQ(*util::ReadFile(s_.root() / "outside/secret"), "y");
}

TEST_F(ApplyHostileTest, FileEntryReplacesASymlinkInsteadOfWritingThroughIt) {
  auto r = Run("sym('f', OUT + '/secret')\nf('f', 'replaced')\nsym('d', OUT + '/dir')\nd('d', mode=0o700)");
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(*util::ReadFile(s_.root() / "f"), "replaced");
  EXPECT_FALSE(fs::is_symlink(s_.root() / "f"));
  EXPECT_TRUE(fs::is_directory(fs::symlink_status(s_.root() / "d")));
}

TEST_F(ApplyHostileTest, HardlinkOutsideTheRootIsAnError) {
  for (std::string target : {"../../outside/secret", "../outside/secret"}) {
    auto r = Run("hard('h', '" + target + "')");
    ASSERT_FALSE(r) << target;
    EXPECT_EQ(r.error().kind(), util::ErrorKind::kInvalidArgument) << r.error().What();
  }
  for (std::string body : {"hard('h', OUT + '/secret')", "sym('s', OUT)\nhard('h', 's/secret')",
                           "sym('s', '../../..' + OUT)\nhard('h', 's/secret')"}) {
    auto r = Run(body);
    ASSERT_FALSE(r) << body;
    EXPECT_NE(r.error().What().find("hard link target"), std::string::npos) << r.error().What();
  }
  struct stat st {};
  ASSERT_EQ(::stat((s_.outside() / "secret").c_str(), &st), 0);
  EXPECT_EQ(st.st_nlink, 1u) << "no link to the outside file was made";
}

TEST_F(ApplyHostileTest, HardlinkToAnAbsoluteNameResolvesInsideTheRoot) {
  auto r = Run("f(OUT + '/secret', 'inner copy')\nhard('h', OUT + '/secret')");
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(*util::ReadFile(s_.root() / "h"), "inner copy");
  EXPECT_EQ(fs::hard_link_count(s_.root() / "h"), 2u);
}

TEST_F(ApplyHostileTest, SymlinkReplacingADirectoryThenAnEntryUnderIt) {
  auto r = Run("d('d')\nf('d/x', 'old')\nsym('d', OUT)\nf('d/y', 'through')\nf('d/secret', 'over')");
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_TRUE(fs::is_symlink(s_.root() / "d"));
  EXPECT_EQ(*util::ReadFile(s_.InRoot(s_.outside()) / "y"), "through");
  EXPECT_EQ(*util::ReadFile(s_.InRoot(s_.outside()) / "secret"), "over");
}

TEST_F(ApplyHostileTest, WhiteoutsThroughSymlinksStayInside) {
  auto r = Run("sym('s', OUT)\nf('s/.wh.secret')\nsym('o', OUT)\nf('o/.wh..wh..opq')\n"
               "f('s/dir/.wh..wh..opq')");
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(r->whiteouts, 3u);
}

TEST_F(ApplyHostileTest, HostileWhiteoutNamesAreErrors) {
  for (std::string name : {"a/.wh..", "a/.wh...", ".wh."}) {
    auto r = Run("d('a')\nf('a/keep')\nf('" + name + "')");
    ASSERT_FALSE(r) << name;
    EXPECT_EQ(r.error().kind(), util::ErrorKind::kInvalidArgument) << r.error().What();
  }
  EXPECT_TRUE(fs::exists(s_.root() / "a/keep"));
}

TEST_F(ApplyHostileTest, RootEntryCannotBeReplaced) {
  auto ok = Run("d('.')\nd('./')\nf('x')");
  ASSERT_TRUE(ok) << ok.error().What();
  auto r = Run("sym('.', OUT)");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), util::ErrorKind::kInvalidArgument);
  EXPECT_TRUE(fs::is_directory(fs::symlink_status(s_.root())));
}

TEST_F(ApplyHostileTest, DevicesAreSkippedWhenRefused) {
  ApplyOptions options;
  options.no_devices = true;
  auto r = Run("node('dev/null', CHR, 1, 3)\nnode('fifo', FIFO)", options);
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(r->skipped, 2u);
  EXPECT_EQ(r->devices, 0u);
  EXPECT_FALSE(fs::exists(s_.root() / "dev/null"));
}

TEST_F(ApplyHostileTest, OverlayXattrsFromAnArchiveAreDropped) {
  auto r = Run("d('d', xattrs={'trusted.overlay.opaque': 'y', 'user.ok': 'v'})");
  ASSERT_TRUE(r) << r.error().What();
  char value[8];
  EXPECT_LT(::lgetxattr((s_.root() / "d").c_str(), "trusted.overlay.opaque", value, sizeof value), 0);
  EXPECT_EQ(r->xattrs_skipped, 1u);
  EXPECT_EQ(::lgetxattr((s_.root() / "d").c_str(), "user.ok", value, sizeof value), 1);
}

TEST_F(ApplyHostileTest, UserOverlayXattrsFromAnArchiveAreDroppedToo) {
  // A rootless overlay mount ("userxattr") reads user.overlay.* as instructions.
  auto r = Run("d('d', xattrs={'user.overlay.opaque': 'y', 'user.overlay.redirect': '/etc', 'user.ok': 'v'})");
  ASSERT_TRUE(r) << r.error().What();
  char value[8];
  EXPECT_LT(::lgetxattr((s_.root() / "d").c_str(), "user.overlay.opaque", value, sizeof value), 0);
  EXPECT_LT(::lgetxattr((s_.root() / "d").c_str(), "user.overlay.redirect", value, sizeof value), 0);
  EXPECT_EQ(r->xattrs_skipped, 2u);
  EXPECT_EQ(::lgetxattr((s_.root() / "d").c_str(), "user.ok", value, sizeof value), 1);
}

}  // namespace
}  // namespace manifold::snapshot
