// Git URL rows: what buildx and BuildKit call a git repository, and how its fragment reads.
#include "util/git_url.hpp"

#include <gtest/gtest.h>


namespace manifold::util {
namespace {

struct IsGitRow {
  std::string_view text;
  bool git;
};

TEST(GitUrlTest, WhatCountsAsAGitUrl) {
  const IsGitRow rows[] = {
      {"https://example.test/owner/repo.git", true},
      {"https://example.test/owner/repo.git#main", true},
      {"https://example.test/owner/repo.git#v1.0:sub/dir", true},
      {"http://127.0.0.1:8080/repo.git", true},
      {"HTTPS://example.test/repo.git", true},
      {"git://127.0.0.1:9418/repo.git#main", true},
      {"git://example.test/repo", true},  // git:// needs no .git suffix
      {"ssh://git@example.test/owner/repo.git", true},
      {"ssh://example.test:2222/repo", true},
      {"git@example.test:owner/repo.git", true},
      {"git@example.test:owner/repo.git#main:sub", true},
      {"github.com/owner/repo", true},
      {"github.com/owner/repo#main", true},
      // http(s) without .git: a tarball or a Dockerfile, not a repository.
      {"https://example.test/owner/repo", false},
      {"https://example.test/ctx.tar.gz", false},
      {"https://example.test/repo.git/archive.tar", false},
      {"https://example.test/x?name=repo.git", false},
      {"https://example.test/repo.git?x=1", true},
      {".", false},
      {"./repo.git", false},
      {"some/dir", false},
      {"-", false},
      {"C:/x", false},
      {"ftp://example.test/repo.git", false},
      {"docker-image://alpine", false},
      {"@host:path", false},
  };
  for (const auto& row : rows) EXPECT_EQ(IsGitUrl(row.text), row.git) << row.text;
}

struct ParseRow {
  std::string_view text;
  GitUrl::Transport transport;
  std::string_view remote, host, ref, subdir;
};

TEST(GitUrlTest, ParsesRemoteRefAndSubdir) {
  using T = GitUrl::Transport;
  const ParseRow rows[] = {
      {"https://example.test/owner/repo.git", T::kHttps, "https://example.test/owner/repo.git", "example.test", "", ""},
      {"https://example.test/owner/repo.git#main", T::kHttps, "https://example.test/owner/repo.git", "example.test",
       "main", ""},
      {"https://example.test/owner/repo.git#v1.0:sub/dir", T::kHttps, "https://example.test/owner/repo.git",
       "example.test", "v1.0", "sub/dir"},
      {"https://example.test/r.git#:sub", T::kHttps, "https://example.test/r.git", "example.test", "", "sub"},
      {"https://example.test/r.git#main:/sub/./x/", T::kHttps, "https://example.test/r.git", "example.test", "main",
       "sub/x"},
      {"https://example.test/r.git#main:/", T::kHttps, "https://example.test/r.git", "example.test", "main", ""},
      {"https://example.test/r.git#refs/pull/1/head", T::kHttps, "https://example.test/r.git", "example.test",
       "refs/pull/1/head", ""},
      {"https://example.test/r.git#0123456789abcdef0123456789abcdef01234567", T::kHttps, "https://example.test/r.git",
       "example.test", "0123456789abcdef0123456789abcdef01234567", ""},
      {"http://127.0.0.1:8080/repo.git#dev", T::kHttp, "http://127.0.0.1:8080/repo.git", "127.0.0.1:8080", "dev", ""},
      {"https://user:secret@example.test/r.git", T::kHttps, "https://user:secret@example.test/r.git", "example.test", "",
       ""},
      {"git://127.0.0.1:9418/repo.git#v1:a", T::kGit, "git://127.0.0.1:9418/repo.git", "127.0.0.1:9418", "v1", "a"},
      {"ssh://git@example.test:2222/o/r.git#main", T::kSsh, "ssh://git@example.test:2222/o/r.git", "example.test:2222",
       "main", ""},
      {"git@example.test:owner/repo.git#main:sub", T::kSsh, "git@example.test:owner/repo.git", "example.test", "main",
       "sub"},
      {"github.com/owner/repo#main", T::kHttps, "https://github.com/owner/repo", "github.com", "main", ""},
  };
  for (const auto& row : rows) {
    auto url = ParseGitUrl(row.text);
    ASSERT_TRUE(url) << row.text << ": " << url.error().What();
    EXPECT_EQ(url->transport, row.transport) << row.text;
    EXPECT_EQ(url->remote, row.remote) << row.text;
    EXPECT_EQ(url->host, row.host) << row.text;
    EXPECT_EQ(url->ref, row.ref) << row.text;
    EXPECT_EQ(url->subdir, row.subdir) << row.text;
  }
}

TEST(GitUrlTest, BuildKitQueryForm) {
  auto branch = ParseGitUrl("https://example.test/r.git?branch=dev&subdir=a/b");
  ASSERT_TRUE(branch) << branch.error().What();
  EXPECT_EQ(branch->remote, "https://example.test/r.git");
  EXPECT_EQ(branch->ref, "refs/heads/dev");
  EXPECT_EQ(branch->subdir, "a/b");
  auto tag = ParseGitUrl("git://127.0.0.1/r.git?tag=v1");
  ASSERT_TRUE(tag);
  EXPECT_EQ(tag->ref, "refs/tags/v1");
  auto ref = ParseGitUrl("https://example.test/r.git?ref=pull/42/head&checksum=0123abc");
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->ref, "pull/42/head");
  EXPECT_EQ(ref->checksum, "0123abc");
  auto commit = ParseGitUrl("https://example.test/r.git?commit=0123456789abcdef0123456789abcdef01234567");
  ASSERT_TRUE(commit);
  EXPECT_EQ(commit->ref, "0123456789abcdef0123456789abcdef01234567") << "a lone checksum is the ref";
  EXPECT_EQ(commit->checksum, commit->ref);
  for (std::string_view bad : {"https://example.test/r.git?branch=a&tag=b", "https://example.test/r.git?color=red",
                               "https://example.test/r.git?subdir=a&subdir=b", "https://example.test/r.git?checksum=xyz",
                               "https://example.test/r.git?branch=a#main", "https://example.test/r.git?ref=-x",
                               "https://example.test/r.git?subdir=../up"}) {
    EXPECT_FALSE(ParseGitUrl(bad)) << bad;
  }
}

TEST(GitUrlTest, RefusesWhatGitWouldMisread) {
  const std::string_view bad[] = {
      "https://example.test/r.git#--upload-pack=touch /tmp/x",  // an option, not a ref
      "https://example.test/r.git#-b",
      "https://example.test/r.git#a b",
      "https://example.test/r.git#main:../../etc",
      "https://example.test/r.git#main:a/../..",
      "https:///r.git",
      "https://example.test/repo",  // no .git: not a repository
      "ftp://example.test/r.git",
      "github.com/",
      "ssh://-oProxyCommand=x/r.git",
      "not a url",
  };
  for (auto text : bad) EXPECT_FALSE(ParseGitUrl(text)) << text;
}

TEST(GitUrlTest, ErrorsAndDisplayNeverShowCredentials) {
  auto url = ParseGitUrl("https://user:s3cret@example.test/r.git#main:sub");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->Redacted(), "https://example.test/r.git");
  EXPECT_EQ(url->Display(), "https://example.test/r.git#main:sub");
  auto bad = ParseGitUrl("https://user:s3cret@example.test/r.git#-x");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().What().find("s3cret"), std::string::npos) << bad.error().What();
}

TEST(GitUrlTest, WithoutCredentials) {
  EXPECT_EQ(WithoutCredentials("https://tok@example.test/r.git"), "https://example.test/r.git");
  EXPECT_EQ(WithoutCredentials("http://u:p@127.0.0.1:80/r.git?x=@"), "http://127.0.0.1:80/r.git?x=@");
  EXPECT_EQ(WithoutCredentials("ssh://git:pw@example.test/r.git"), "ssh://git@example.test/r.git");
  EXPECT_EQ(WithoutCredentials("ssh://git@example.test/r.git"), "ssh://git@example.test/r.git");
  EXPECT_EQ(WithoutCredentials("git@example.test:o/r.git"), "git@example.test:o/r.git");
  EXPECT_EQ(WithoutCredentials("https://example.test/r.git"), "https://example.test/r.git");
}

TEST(GitUrlTest, CommitIds) {
  EXPECT_TRUE(IsCommitId("0123456789abcdef0123456789abcdef01234567"));
  EXPECT_TRUE(IsCommitId(std::string(64, 'a')));
  EXPECT_FALSE(IsCommitId("0123456789ABCDEF0123456789abcdef01234567"));
  EXPECT_FALSE(IsCommitId("main"));
  EXPECT_FALSE(IsCommitId("0123456"));
}

}  // namespace
}  // namespace manifold::util
