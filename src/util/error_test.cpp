// Tests for Error formatting, Result propagation and TempFile atomicity.
#include "util/error.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"

namespace manifold::util {
namespace {

Result<int> Inner(bool fail) {
  if (fail) return Fail(ErrorKind::kNotFound, "blob {} missing", "sha256:ab");
  return 7;
}

Result<int> Outer(bool fail) {
  auto r = Inner(fail);
  if (!r) return std::unexpected(std::move(r.error()).Context("pulling {}", "app"));
  int v = MANIFOLD_TRY(Inner(fail));
  return v + 1;
}

TEST(Error, ContextChainsOutermostFirst) {
  auto r = Outer(true);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().What(), "pulling app: blob sha256:ab missing");
  EXPECT_EQ(r.error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(*Outer(false), 8);
}

TEST(Error, LocationShowsLineAndCaret) {
  Error e(ErrorKind::kInvalidArgument, "unknown instruction: FORM");
  e.At({"Dockerfile", 3, 1, "FORM scratch"});
  EXPECT_EQ(e.What(), "Dockerfile:3:1: unknown instruction: FORM");
  EXPECT_NE(e.Describe().find("FORM scratch\n"), std::string::npos);
  EXPECT_NE(e.Describe().find("| ^"), std::string::npos);
}

TEST(TempFile, UncommittedLeavesNothing) {
  testing::TempDir dir;
  {
    auto f = TempFile::Create(dir / "out");
    ASSERT_TRUE(f);
    ASSERT_TRUE(f->Write("partial"));
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(TempFile, CommitPublishesWholeFile) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteFileAtomic(dir / "out", "old"));
  ASSERT_TRUE(WriteFileAtomic(dir / "out", "new contents"));
  EXPECT_EQ(*ReadFile(dir / "out"), "new contents");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(TempFile, UnnamedHasNoNameUntilCommitted) {
  testing::TempDir dir;
  {
    auto f = TempFile::CreateUnnamed(dir / "out");
    ASSERT_TRUE(f);
    ASSERT_TRUE(f->Write("partial"));
    // The test directory's filesystem has O_TMPFILE here (ext4 or tmpfs): nothing to see, even
    // while the file is written; a process killed now leaves nothing.
    EXPECT_TRUE(f->path().empty());
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
  ASSERT_TRUE(WriteFileAtomic(dir / "out", "old"));
  auto f = TempFile::CreateUnnamed(dir / "out");
  ASSERT_TRUE(f);
  ASSERT_TRUE(f->Write("whole"));
  ASSERT_TRUE(f->Commit());
  EXPECT_EQ(*ReadFile(dir / "out"), "whole");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
  auto unwritable = TempFile::CreateUnnamed("/nonexistent-dir/x");
  ASSERT_FALSE(unwritable);
  EXPECT_NE(unwritable.error().What().find("/nonexistent-dir/x"), std::string::npos);
}

TEST(TempFile, UnwritableDirectoryIsAnError) {
  auto f = TempFile::Create("/nonexistent-dir/x");
  ASSERT_FALSE(f);
  EXPECT_NE(f.error().What().find("/nonexistent-dir/x"), std::string::npos);
}

}  // namespace
}  // namespace manifold::util
