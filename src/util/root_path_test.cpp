// RootPath: symlinks resolve inside the root; escapes clamp or are refused.
#include "util/root_path.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace manifold::util {
namespace {

TEST(CleanPath, LikeGo) {
  EXPECT_EQ(CleanPath("a//b/./c/.."), "a/b");
  EXPECT_EQ(CleanPath("/../x"), "/x");
  EXPECT_EQ(CleanPath("../x"), "../x");
  EXPECT_EQ(CleanPath(""), ".");
  EXPECT_EQ(CleanPath("/"), "/");
  EXPECT_EQ(CleanPath("a/"), "a");
  // Paths already clean come back as they are (the fast path), names with dots included;
  // each near miss still goes through the full cleaning.
  EXPECT_EQ(CleanPath("a/b.c/.d/..e/..."), "a/b.c/.d/..e/...");
  EXPECT_EQ(CleanPath("/a/b"), "/a/b");
  EXPECT_EQ(CleanPath("."), ".");
  EXPECT_EQ(CleanPath(".."), "..");
  EXPECT_EQ(CleanPath("a/."), "a");
  EXPECT_EQ(CleanPath("a/b/.."), "a");
  EXPECT_EQ(CleanPath("//a"), "/a");
  EXPECT_EQ(CleanPath("./a"), "a");
}

TEST(RootPath, FollowsSymlinksInsideTheRoot) {
  testing::TempDir root;
  std::filesystem::create_directories(root / "usr/lib");
  ASSERT_EQ(::symlink("usr/lib", (root / "lib").c_str()), 0);
  ASSERT_EQ(::symlink("/usr/lib", (root / "abs").c_str()), 0);
  EXPECT_EQ(*RootPath(root.path(), "/lib/x", true, EscapePolicy::kClamp), root / "usr/lib/x");
  EXPECT_EQ(*RootPath(root.path(), "abs/y", true, EscapePolicy::kClamp), root / "usr/lib/y");
  EXPECT_EQ(*RootPath(root.path(), "/lib", false, EscapePolicy::kClamp), root / "lib");
}

TEST(RootPath, ClampsOrRefusesEscapes) {
  testing::TempDir root;
  ASSERT_EQ(::symlink("../../../etc", (root / "up").c_str()), 0);
  ASSERT_EQ(::symlink("/etc", (root / "etc-link").c_str()), 0);
  EXPECT_EQ(*RootPath(root.path(), "../../etc/passwd", true, EscapePolicy::kClamp), root / "etc/passwd");
  EXPECT_EQ(*RootPath(root.path(), "up/passwd", true, EscapePolicy::kClamp), root / "etc/passwd");
  EXPECT_FALSE(RootPath(root.path(), "../x", true, EscapePolicy::kRefuse));
  auto r = RootPath(root.path(), "up/passwd", true, EscapePolicy::kRefuse);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind(), ErrorKind::kPermissionDenied);
  EXPECT_FALSE(RootPath(root.path(), "etc-link/passwd", true, EscapePolicy::kRefuse));
}

TEST(RootPath, LoopsAreAnError) {
  testing::TempDir root;
  ASSERT_EQ(::symlink("b", (root / "a").c_str()), 0);
  ASSERT_EQ(::symlink("a", (root / "b").c_str()), 0);
  auto r = RootPath(root.path(), "a/x", true, EscapePolicy::kClamp);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().What().find("symbolic links"), std::string::npos);
}

}  // namespace
}  // namespace manifold::util
