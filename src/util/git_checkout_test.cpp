// ReadGitCheckout against git itself: in every layout it reads, its answers are git's
// (`rev-parse HEAD`, `remote get-url origin`); where it cannot be sure it says kAskGit.
#include "util/git_checkout.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "support/temp_dir.hpp"
#include "util/subprocess.hpp"

namespace manifold::util {
namespace {

namespace fs = std::filesystem;
using Kind = GitCheckoutLookup::Kind;

// HOME and XDG_CONFIG_HOME of an empty directory for the test (the runner's own git config
// must not decide), restored after.
class GitCheckoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"HOME", "XDG_CONFIG_HOME"}) {
      const char* value = std::getenv(name);
      saved_.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
    }
    ::setenv("HOME", home_.path().c_str(), 1);
    ::unsetenv("XDG_CONFIG_HOME");
    auto probe = RunProcess({"git", "--version"});
    if (!probe || probe->exit_code != 0) GTEST_SKIP() << "git is not installed";
  }
  void TearDown() override {
    for (const auto& [name, value] : saved_) {
      if (value) ::setenv(name.c_str(), value->c_str(), 1);
      else ::unsetenv(name.c_str());
    }
  }
  // git -C DIR ARGS…: its trimmed stdout, or nullopt when it fails.
  std::optional<std::string> Git(const fs::path& dir, std::vector<std::string> args) {
    std::vector<std::string> argv = {"git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", dir.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = RunProcess(argv);
    if (!r || r->exit_code != 0) return std::nullopt;
    std::string out = r->out;
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
  }
  // The read agrees with git's answers in `dir`.
  void ExpectAsGit(const fs::path& dir) {
    SCOPED_TRACE(dir.string());
    const GitCheckoutLookup read = ReadGitCheckout(dir);
    auto head = Git(dir, {"rev-parse", "HEAD"});
    auto inside = Git(dir, {"rev-parse", "--is-inside-work-tree"});
    if (!head || inside != "true") {
      EXPECT_EQ(read.kind, Kind::kNotAWorkTree);
      return;
    }
    ASSERT_EQ(read.kind, Kind::kCheckout);
    EXPECT_EQ(read.info.commit, *head);
    EXPECT_EQ(read.info.origin, Git(dir, {"remote", "get-url", "origin"}));
  }
  testing::TempDir home_, dir_;
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST_F(GitCheckoutTest, NoRepositoryAnEmptyOneAndInsideDotGit) {
  const fs::path repo = dir_ / "repo";
  fs::create_directories(repo);
  ExpectAsGit(repo);
  ASSERT_TRUE(Git(repo, {"init", "-q", "-b", "main"}));
  ExpectAsGit(repo);  // no commit yet
  ASSERT_TRUE(Git(repo, {"commit", "-q", "--allow-empty", "-m", "one"}));
  ExpectAsGit(repo);
  ExpectAsGit(repo / ".git");
  ExpectAsGit(repo / ".git" / "refs");
  EXPECT_EQ(ReadGitCheckout(repo / ".git").kind, Kind::kNotAWorkTree);
}

TEST_F(GitCheckoutTest, BranchesLooseAndPackedDetachedNestedAndOrigin) {
  const fs::path repo = dir_ / "repo";
  fs::create_directories(repo / "a" / "b");
  ASSERT_TRUE(Git(repo, {"init", "-q", "-b", "main"}));
  ASSERT_TRUE(Git(repo, {"commit", "-q", "--allow-empty", "-m", "one"}));
  ExpectAsGit(repo / "a" / "b");
  ASSERT_TRUE(Git(repo, {"remote", "add", "origin", "https://user:token@git.example/app.git"}));
  ExpectAsGit(repo);
  EXPECT_EQ(ReadGitCheckout(repo).info.origin, "https://user:token@git.example/app.git");
  ASSERT_TRUE(Git(repo, {"pack-refs", "--all"}));
  ASSERT_FALSE(fs::exists(repo / ".git" / "refs" / "heads" / "main"));
  ExpectAsGit(repo);
  ASSERT_TRUE(Git(repo, {"commit", "-q", "--allow-empty", "-m", "two"}));
  ExpectAsGit(repo);  // a loose ref again, over the packed one
  ASSERT_TRUE(Git(repo, {"checkout", "-q", "--detach", "HEAD~1"}));
  ExpectAsGit(repo);
  // A quoted URL with a comment after it, as git config allows.
  std::ofstream(repo / ".git" / "config", std::ios::app) << "[remote \"other\"]\n\turl = x\n";
  ASSERT_TRUE(Git(repo, {"config", "remote.origin.url", "ssh://git@host/a b.git"}));
  ExpectAsGit(repo);
}

TEST_F(GitCheckoutTest, ALinkedWorktree) {
  const fs::path repo = dir_ / "repo";
  fs::create_directories(repo);
  ASSERT_TRUE(Git(repo, {"init", "-q", "-b", "main"}));
  ASSERT_TRUE(Git(repo, {"commit", "-q", "--allow-empty", "-m", "one"}));
  ASSERT_TRUE(Git(repo, {"worktree", "add", "-q", "-b", "side", (dir_ / "wt").string()}));
  ASSERT_TRUE(Git(dir_ / "wt", {"commit", "-q", "--allow-empty", "-m", "side"}));
  ASSERT_TRUE(fs::is_regular_file(dir_ / "wt" / ".git"));
  ExpectAsGit(dir_ / "wt");
  EXPECT_NE(ReadGitCheckout(dir_ / "wt").info.commit, ReadGitCheckout(repo).info.commit);
}

TEST_F(GitCheckoutTest, WhatOnlyGitReadsIsLeftToGit) {
  const fs::path repo = dir_ / "repo";
  fs::create_directories(repo);
  ASSERT_TRUE(Git(repo, {"init", "-q", "-b", "main"}));
  ASSERT_TRUE(Git(repo, {"commit", "-q", "--allow-empty", "-m", "one"}));
  ASSERT_EQ(ReadGitCheckout(repo).kind, Kind::kCheckout);
  // url.*.insteadOf rewrites what get-url prints: in the user's config…
  std::ofstream(home_ / ".gitconfig") << "[url \"https://mirror.example/\"]\n\tinsteadOf = https://git.example/\n";
  EXPECT_EQ(ReadGitCheckout(repo).kind, Kind::kAskGit);
  fs::remove(home_ / ".gitconfig");
  // … or the repository's; an include; core.worktree.
  ASSERT_TRUE(Git(repo, {"config", "include.path", "other.conf"}));
  EXPECT_EQ(ReadGitCheckout(repo).kind, Kind::kAskGit);
  ASSERT_TRUE(Git(repo, {"config", "--unset", "include.path"}));
  EXPECT_EQ(ReadGitCheckout(repo).kind, Kind::kCheckout);
  ::setenv("GIT_DIR", (repo / ".git").c_str(), 1);
  EXPECT_EQ(ReadGitCheckout(repo).kind, Kind::kAskGit);
  ::unsetenv("GIT_DIR");
  // A symbolic ref chain.
  ASSERT_TRUE(Git(repo, {"symbolic-ref", "refs/heads/alias", "refs/heads/main"}));
  ASSERT_TRUE(Git(repo, {"symbolic-ref", "HEAD", "refs/heads/alias"}));
  EXPECT_EQ(ReadGitCheckout(repo).kind, Kind::kAskGit);
}

}  // namespace
}  // namespace manifold::util
