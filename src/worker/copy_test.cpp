// Copy's context walk under .dockerignore: exceptions below an excluded directory.
#include "worker/copy.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <memory>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "util/path_pattern.hpp"
#include "util/path_pattern_prune.hpp"

namespace manifold::worker {
namespace {

namespace fs = std::filesystem;

class CopyWalkTest : public ::testing::Test {
 protected:
  void Write(const std::string& rel, const std::string& data) {
    fs::create_directories((dir_ / "ctx" / rel).parent_path());
    std::ofstream(dir_ / "ctx" / rel) << data;
  }
  /// COPY . /x/ from the context with `patterns` as its .dockerignore (real matcher and rule).
  util::Status CopyAll(const std::vector<std::string>& patterns, const CopyOptions& options = {}) {
    auto matcher = std::make_shared<util::PathPatterns>(*util::PathPatterns::Create(patterns));
    auto rule = std::make_shared<util::DirSkipRule>(util::DirSkipRule::Create(patterns));
    CopySource source;
    source.root = dir_ / "ctx";
    source.escape = util::EscapePolicy::kRefuse;
    source.excluded = [matcher](std::string_view rel) {
      auto m = matcher->Matches(rel);
      return m && *m;
    };
    source.walk_excluded = [rule](std::string_view rel) { return !rule->MaySkip(rel); };
    fs::create_directories(dir_ / "out");
    graph::CopyAction action;
    action.source_path = ".";
    action.dest_path = "/x/";
    // COPY gives the image's owner, 0:0, which only root may give. A build as a user does that
    // as root of its user namespace; this test, run by a user (scripts/test as a user: README),
    // gives the user's own ids instead.
    CopyOptions with_owner = options;
    if (::geteuid() != 0 && !with_owner.owner) with_owner.owner = OwnerIds{::geteuid(), ::getegid()};
    return Copy(action, source, dir_ / "out", with_owner);
  }
  fs::path Out(const std::string& rel) { return dir_ / "out/x" / rel; }

  testing::TempDir dir_;
};

// The bytes a COPY reports: regular files only, of a total measured before (what .dockerignore
// leaves out is not counted), the last report complete.
TEST_F(CopyWalkTest, ReportsBytesOfTheMeasuredTotalEndingComplete) {
  Write("a", std::string(1000, 'a'));
  Write("dir/b", std::string(3000, 'b'));
  Write("ignored/c", std::string(50000, 'c'));
  std::vector<std::pair<int64_t, int64_t>> reports;
  CopyOptions options;
  options.progress = [&](int64_t copied, int64_t total) { reports.emplace_back(copied, total); };
  auto st = CopyAll({"ignored"}, options);
  ASSERT_TRUE(st) << st.error().What();
  std::vector<std::pair<int64_t, int64_t>> want = {{1000, 4000}, {4000, 4000}};
  EXPECT_EQ(reports, want);
}

TEST_F(CopyWalkTest, ExceptionBelowAnExcludedDirectoryIsKept) {
  Write("dir/keep", "kept");
  Write("dir/drop", "dropped");
  Write("dir/sub/other", "dropped too");
  Write("dir/deep/er/keep2", "kept deep");
  Write("top", "top");
  ASSERT_EQ(::chmod((dir_ / "ctx/dir").c_str(), 0750), 0);
  auto st = CopyAll({"dir", "!dir/keep", "!dir/deep/er/keep2"});
  ASSERT_TRUE(st) << st.error().What();
  std::ifstream keep(Out("dir/keep"));
  std::string text((std::istreambuf_iterator<char>(keep)), {});
  EXPECT_EQ(text, "kept");
  EXPECT_TRUE(fs::exists(Out("dir/deep/er/keep2")));
  EXPECT_TRUE(fs::exists(Out("top")));
  EXPECT_FALSE(fs::exists(Out("dir/drop")));
  EXPECT_FALSE(fs::exists(Out("dir/sub"))) << "only parents of re-included files are created";
  struct stat s {};
  ASSERT_EQ(::stat(Out("dir").c_str(), &s), 0);
  EXPECT_EQ(s.st_mode & 07777, 0750u) << "a re-included file's parent keeps its own metadata";
}

TEST_F(CopyWalkTest, WildcardExceptionAndNoException) {
  Write("logs/a.log", "a");
  Write("logs/keep.txt", "k");
  Write("cache/c", "c");
  auto st = CopyAll({"logs", "cache", "!logs/*.txt"});
  ASSERT_TRUE(st) << st.error().What();
  EXPECT_TRUE(fs::exists(Out("logs/keep.txt")));
  EXPECT_FALSE(fs::exists(Out("logs/a.log")));
  EXPECT_FALSE(fs::exists(Out("cache"))) << "an excluded dir with nothing re-included is not created";
}

TEST_F(CopyWalkTest, ExcludedDirectoryWithoutExceptionsIsSkippedWhole) {
  Write("dir/keep", "x");
  Write("other/y", "y");
  auto st = CopyAll({"dir"});
  ASSERT_TRUE(st) << st.error().What();
  EXPECT_FALSE(fs::exists(Out("dir")));
  EXPECT_TRUE(fs::exists(Out("other/y")));
}

}  // namespace
}  // namespace manifold::worker
