// ResolveBuildContext without a network: what PATH is, and a Dockerfile on stdin's stand-in
// (a tar file) placed confined to its context.
#include "builder/remote_context.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "progress/recorder.hpp"
#include "support/temp_dir.hpp"

namespace manifold::builder {
namespace {

namespace fs = std::filesystem;

TEST(ClassifyContextTest, BuildxOrder) {
  testing::TempDir dir;
  fs::create_directories(dir / "repo.git");
  struct Row {
    std::string path;
    ContextKind kind;
  };
  const Row rows[] = {
      {"-", ContextKind::kStdin},
      {dir.path().string(), ContextKind::kLocal},
      {(dir / "repo.git").string(), ContextKind::kLocal},  // an existing directory wins
      {"https://example.test/o/r.git#main", ContextKind::kGit},
      {"git://127.0.0.1/r.git", ContextKind::kGit},
      {"git@example.test:o/r.git", ContextKind::kGit},
      {"github.com/o/r", ContextKind::kGit},
      {"https://example.test/ctx.tar.gz", ContextKind::kHttp},
      {"http://127.0.0.1:8080/Dockerfile", ContextKind::kHttp},
      {"does/not/exist", ContextKind::kLocal},  // the build says it is missing
  };
  for (const auto& row : rows) EXPECT_EQ(ClassifyContext(row.path), row.kind) << row.path;
}

TEST(ResolveBuildContextTest, ALocalDirectoryIsLeftAlone) {
  testing::TempDir dir;
  BuildRequest request;
  request.context_dir = dir.path();
  request.root = dir / "root";
  request.dockerfile = "Dockerfile.x";
  progress::Recorder progress;
  auto fetched = ResolveBuildContext(request, progress);
  ASSERT_TRUE(fetched) << fetched.error().What();
  EXPECT_EQ(request.context_dir, dir.path());
  EXPECT_EQ(request.dockerfile, "Dockerfile.x");
  EXPECT_FALSE(request.context_git);
  EXPECT_FALSE(fs::exists(dir / "root" / "snapshots")) << "nothing fetched, no scratch";
}

TEST(ResolveBuildContextTest, AMalformedGitUrlIsAUsageError) {
  testing::TempDir dir;
  BuildRequest request;
  request.context_dir = "https://user:s3cret@example.test/r.git#--upload-pack=x";
  request.root = dir / "root";
  progress::Recorder progress;
  auto fetched = ResolveBuildContext(request, progress);
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().kind(), util::ErrorKind::kInvalidArgument);
  EXPECT_EQ(fetched.error().What().find("s3cret"), std::string::npos) << fetched.error().What();
}

TEST(ResolveBuildContextTest, AKeepGitDirArgMustBeABoolean) {
  testing::TempDir dir;
  BuildRequest request;
  request.context_dir = "git://127.0.0.1:1/r.git";
  request.root = dir / "root";
  request.build_args["BUILDKIT_CONTEXT_KEEP_GIT_DIR"] = "maybe";
  progress::Recorder progress;
  auto fetched = ResolveBuildContext(request, progress);
  ASSERT_FALSE(fetched);
  EXPECT_NE(fetched.error().What().find("BUILDKIT_CONTEXT_KEEP_GIT_DIR=maybe"), std::string::npos)
      << fetched.error().What();
}

}  // namespace
}  // namespace manifold::builder
