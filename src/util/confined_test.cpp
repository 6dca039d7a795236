// Confined opens: symlinks and ".." never leave the root, for openat2 and the fallback alike.
#include "util/confined.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"

namespace manifold::util {
namespace {

namespace fs = std::filesystem;

using OpenFn = Result<UniqueFd> (*)(int, std::string_view, int, mode_t);

std::string ReadFd(int fd) {
  std::string out;
  char buf[256];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

// A sentinel dir holding the root and an "outside" tree that must never be touched.
class ConfinedFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = tmp_ / "root";
    outside_ = tmp_ / "outside";
    fs::create_directories(root_ / "etc");
    fs::create_directories(outside_);
    std::ofstream(root_ / "etc/passwd") << "inner";
    std::ofstream(outside_ / "secret") << "outer";
    auto fd = OpenDirectory(root_);
    ASSERT_TRUE(fd) << fd.error().What();
    root_fd_ = std::move(*fd);
  }
  void Link(const std::string& target, const fs::path& at) { fs::create_symlink(target, root_ / at); }

  testing::TempDir tmp_;
  fs::path root_, outside_;
  UniqueFd root_fd_;
};

class ConfinedTest : public ConfinedFixture, public ::testing::WithParamInterface<OpenFn> {
 protected:
  Result<UniqueFd> Open(std::string_view path, int flags, mode_t mode = 0) {
    return GetParam()(root_fd_.get(), path, flags, mode);
  }
  std::string ReadIn(std::string_view path) {
    auto fd = Open(path, O_RDONLY);
    if (!fd) return "error: " + fd.error().What();
    return ReadFd(fd->get());
  }
};

TEST_P(ConfinedTest, OpensPlainPaths) {
  EXPECT_EQ(ReadIn("etc/passwd"), "inner");
  EXPECT_EQ(ReadIn("/etc/passwd"), "inner");
  EXPECT_EQ(ReadIn("./etc/../etc//passwd"), "inner");
}

TEST_P(ConfinedTest, DotDotIsClampedAtTheRoot) {
  std::string outside_rel = "../outside/secret";
  EXPECT_EQ(ReadIn("../../../../etc/passwd"), "inner");
  auto fd = Open(outside_rel, O_RDONLY);
  ASSERT_FALSE(fd);
  EXPECT_EQ(fd.error().kind(), ErrorKind::kNotFound);
}

TEST_P(ConfinedTest, AbsoluteSymlinkResolvesAgainstTheRoot) {
  Link("/etc", "abs");
  Link(outside_.string(), "out");
  EXPECT_EQ(ReadIn("abs/passwd"), "inner");
  auto dir = Open("abs", O_PATH | O_DIRECTORY);
  ASSERT_TRUE(dir) << "a final symlink to a directory is followed: " << dir.error().What();
  auto dir2 = Open("abs", O_RDONLY | O_DIRECTORY);
  ASSERT_TRUE(dir2) << dir2.error().What();
  auto not_dir = Open("abs/passwd", O_RDONLY | O_DIRECTORY);
  ASSERT_FALSE(not_dir);
  EXPECT_EQ(not_dir.error().kind(), ErrorKind::kNotFound);
  auto fd = Open("out/secret", O_RDONLY);
  ASSERT_FALSE(fd) << "an absolute link to the outside dir must not reach it";
}

TEST_P(ConfinedTest, RelativeEscapingSymlinkIsClamped) {
  Link("../../../../../..", "up");
  fs::create_directories(root_ / "d");
  Link("../../etc/passwd", "d/pw");
  EXPECT_EQ(ReadIn("up/etc/passwd"), "inner");
  EXPECT_EQ(ReadIn("d/pw"), "inner");
  EXPECT_FALSE(Open("up/outside/secret", O_RDONLY));
}

TEST_P(ConfinedTest, SymlinkLoopsFailWithELOOP) {
  Link("b", "a");
  Link("a", "b");
  Link("self/x", "self");
  for (auto path : {"a", "a/x", "self/y"}) {
    auto fd = Open(path, O_RDONLY);
    ASSERT_FALSE(fd) << path;
    EXPECT_EQ(fd.error().kind(), ErrorKind::kInvalidArgument) << fd.error().What();
    EXPECT_NE(fd.error().What().find("symbolic links"), std::string::npos) << fd.error().What();
  }
}

TEST_P(ConfinedTest, LongSymlinkChainsStopAtForty) {
  std::ofstream(root_ / "target") << "t";
  // l0 -> target, l1 -> l0, ...: opening lN follows N+1 links.
  Link("target", "l0");
  for (int i = 1; i <= 45; ++i) Link("l" + std::to_string(i - 1), "l" + std::to_string(i));
  EXPECT_EQ(ReadIn("l30"), "t");
  auto fd = Open("l45", O_RDONLY);
  ASSERT_FALSE(fd);
  EXPECT_EQ(fd.error().kind(), ErrorKind::kInvalidArgument);
}

TEST_P(ConfinedTest, NoFollowStopsAtTheFinalSymlink) {
  Link("/etc/passwd", "pw");
  auto fd = Open("pw", O_RDONLY | O_NOFOLLOW);
  ASSERT_FALSE(fd);
  EXPECT_EQ(fd.error().kind(), ErrorKind::kInvalidArgument);
  auto link = Open("pw", O_PATH | O_NOFOLLOW);
  ASSERT_TRUE(link) << link.error().What();
  struct stat st {};
  ASSERT_EQ(::fstat(link->get(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode));
  auto followed = Open("pw", O_PATH);
  ASSERT_TRUE(followed) << followed.error().What();
  ASSERT_EQ(::fstat(followed->get(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
}

TEST_P(ConfinedTest, CreateThroughDanglingSymlinkStaysInside) {
  fs::path victim = outside_ / "created";
  Link(victim.string(), "dangle");
  fs::create_directories(root_ / outside_.relative_path());  // the target's parent, inside
  auto fd = Open("dangle", O_WRONLY | O_CREAT, 0644);
  ASSERT_TRUE(fd) << fd.error().What();
  ASSERT_TRUE(WriteAll(fd->get(), "x"));
  EXPECT_FALSE(fs::exists(victim));
  EXPECT_TRUE(fs::exists(root_ / victim.relative_path()));
}

TEST_P(ConfinedTest, MissingAndNotADirectoryAreNotFound) {
  auto missing = Open("nope/x", O_RDONLY);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind(), ErrorKind::kNotFound);
  EXPECT_NE(missing.error().What().find("nope/x"), std::string::npos);
  auto through_file = Open("etc/passwd/x", O_RDONLY);
  ASSERT_FALSE(through_file);
  EXPECT_EQ(through_file.error().kind(), ErrorKind::kNotFound);
}

TEST_P(ConfinedTest, RootItselfOpens) {
  for (auto path : {"", "/", ".", "..", "etc/.."}) {
    auto fd = Open(path, O_RDONLY | O_DIRECTORY);
    ASSERT_TRUE(fd) << path << ": " << fd.error().What();
    struct stat a {}, b {};
    ASSERT_EQ(::fstat(fd->get(), &a), 0);
    ASSERT_EQ(::fstat(root_fd_.get(), &b), 0);
    EXPECT_EQ(a.st_ino, b.st_ino) << path;
  }
}

INSTANTIATE_TEST_SUITE_P(Resolvers, ConfinedTest,
                         ::testing::Values(&OpenInRoot, &OpenInRootFallback),
                         [](const auto& info) { return info.index == 0 ? "openat2" : "fallback"; });

using ConfinedCreateTest = ConfinedFixture;

TEST_F(ConfinedCreateTest, MkdirAllCreatesAndFollowsLinksInside) {
  auto fd = MkdirAllInRoot(root_fd_.get(), "a/b/c", 0755);
  ASSERT_TRUE(fd) << fd.error().What();
  EXPECT_TRUE(fs::is_directory(root_ / "a/b/c"));
  ASSERT_EQ(::mkdirat(fd->get(), "d", 0755), 0) << "an O_PATH dirfd serves *at calls";
  EXPECT_TRUE(fs::is_directory(root_ / "a/b/c/d"));

  Link(outside_.string() + "/newdir", "dl");
  ASSERT_TRUE(MkdirAllInRoot(root_fd_.get(), "dl/x", 0755));
  EXPECT_TRUE(fs::is_directory(root_ / outside_.relative_path() / "newdir/x"));
  EXPECT_FALSE(fs::exists(outside_ / "newdir"));

  auto blocked = MkdirAllInRoot(root_fd_.get(), "etc/passwd/x", 0755);
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().kind(), ErrorKind::kNotFound);
}

TEST_F(ConfinedCreateTest, ParentLeavesTheFinalComponentAlone) {
  Link(outside_.string(), "x");
  auto parent = OpenParentInRoot(root_fd_.get(), "/x", false);
  ASSERT_TRUE(parent) << parent.error().What();
  EXPECT_EQ(parent->name, "x");
  ASSERT_EQ(::unlinkat(parent->dir.get(), parent->name.c_str(), 0), 0);
  EXPECT_FALSE(fs::is_symlink(root_ / "x"));
  EXPECT_TRUE(fs::exists(outside_ / "secret"));

  auto nested = OpenParentInRoot(root_fd_.get(), "p/q/r", true);
  ASSERT_TRUE(nested) << nested.error().What();
  EXPECT_EQ(nested->name, "r");
  EXPECT_TRUE(fs::is_directory(root_ / "p/q"));
  EXPECT_FALSE(OpenParentInRoot(root_fd_.get(), "s/t", false));

  for (auto bad : {"", "/", ".", "../x", "a/../../x"}) {
    auto r = OpenParentInRoot(root_fd_.get(), bad, true);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind(), ErrorKind::kInvalidArgument) << bad;
  }
}

TEST_F(ConfinedCreateTest, RemoveAllNeverFollowsSymlinks) {
  fs::create_directories(root_ / "tree/sub/deep");
  std::ofstream(root_ / "tree/sub/deep/f") << "f";
  fs::create_symlink(outside_, root_ / "tree/out");
  fs::create_symlink(outside_, root_ / "tree/sub/out2");
  ASSERT_TRUE(RemoveAllAt(root_fd_.get(), "tree"));
  EXPECT_FALSE(fs::exists(root_ / "tree"));
  EXPECT_EQ(*ReadFile(outside_ / "secret"), "outer");
  EXPECT_TRUE(RemoveAllAt(root_fd_.get(), "missing")) << "absent is success";
  ASSERT_TRUE(RemoveAllAt(root_fd_.get(), "etc"));
  EXPECT_FALSE(fs::exists(root_ / "etc"));
}

TEST_F(ConfinedCreateTest, RemoveStubsTakesOnlyEmptyFilesAndDirsOfThem) {
  fs::create_directories(root_ / "mnt/emptydir");
  fs::create_directories(root_ / "mnt/stubs/a/b");
  std::ofstream(root_ / "mnt/stubs/a/b/stub");
  fs::create_directories(root_ / "mnt/mixed/sub");
  std::ofstream(root_ / "mnt/mixed/stub");
  std::ofstream(root_ / "mnt/mixed/sub/kept") << "data";
  std::ofstream(root_ / "mnt/empty");
  std::ofstream(root_ / "mnt/full") << "data";
  fs::create_symlink("empty", root_ / "mnt/link");
  fs::create_symlink(outside_, root_ / "mnt/stubs/out");
  for (auto p : {"/mnt/emptydir", "mnt/stubs", "mnt/mixed", "/mnt/empty", "mnt/full", "mnt/link", "mnt/missing",
                 "none/x"}) {
    auto r = RemoveStubsInRoot(root_fd_.get(), p);
    EXPECT_TRUE(r) << p << ": " << r.error().What();
  }
  EXPECT_FALSE(fs::exists(root_ / "mnt/emptydir"));
  EXPECT_FALSE(fs::exists(root_ / "mnt/empty"));
  EXPECT_FALSE(fs::exists(root_ / "mnt/stubs/a")) << "a tree of stubs goes";
  EXPECT_TRUE(fs::is_symlink(root_ / "mnt/stubs/out")) << "a symlink is not a stub, and is not followed";
  EXPECT_EQ(*ReadFile(outside_ / "secret"), "outer");
  EXPECT_FALSE(fs::exists(root_ / "mnt/mixed/stub"));
  EXPECT_EQ(*ReadFile(root_ / "mnt/mixed/sub/kept"), "data") << "content stays, with its directories";
  EXPECT_EQ(*ReadFile(root_ / "mnt/full"), "data");
  EXPECT_TRUE(fs::is_symlink(root_ / "mnt/link")) << "the final component is never followed";
}

// A RUN step replaced /etc by a symlink to a host directory after its mount points were
// recorded: removing them must not reach the host's empty files and directories.
TEST_F(ConfinedCreateTest, RemoveStubsNeverLeavesTheRoot) {
  std::ofstream(outside_ / "resolv.conf");
  fs::create_directories(outside_ / "hosts");
  fs::remove_all(root_ / "etc");
  Link(outside_.string(), "etc");
  Link("../../../../../../../../.." + outside_.string(), "rel");
  for (auto p : {"/etc/resolv.conf", "/etc/hosts", "rel/resolv.conf", "rel/hosts"}) {
    auto r = RemoveStubsInRoot(root_fd_.get(), p);
    EXPECT_TRUE(r) << p << ": " << r.error().What();
  }
  EXPECT_TRUE(fs::exists(outside_ / "resolv.conf"));
  EXPECT_TRUE(fs::is_directory(outside_ / "hosts"));
  EXPECT_EQ(*ReadFile(outside_ / "secret"), "outer");
  // The same names inside the root, where the links lead when resolved as in a chroot, go.
  fs::create_directories(root_ / outside_.relative_path() / "hosts");
  std::ofstream(root_ / outside_.relative_path() / "resolv.conf");
  ASSERT_TRUE(RemoveStubsInRoot(root_fd_.get(), "/etc/resolv.conf"));
  ASSERT_TRUE(RemoveStubsInRoot(root_fd_.get(), "/etc/hosts"));
  EXPECT_FALSE(fs::exists(root_ / outside_.relative_path() / "resolv.conf"));
  EXPECT_FALSE(fs::exists(root_ / outside_.relative_path() / "hosts"));
  EXPECT_TRUE(fs::exists(outside_ / "resolv.conf"));
}

TEST(OpenDirectoryTest, RefusesFilesAndMissing) {
  testing::TempDir tmp;
  std::ofstream(tmp / "f") << "x";
  EXPECT_TRUE(OpenDirectory(tmp.path()));
  EXPECT_FALSE(OpenDirectory(tmp / "f"));
  auto missing = OpenDirectory(tmp / "none");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind(), ErrorKind::kNotFound);
}

}  // namespace
}  // namespace manifold::util
