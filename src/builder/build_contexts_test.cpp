// --build-context: the flag's grammar and the names contexts are known by.
#include "builder/build_contexts.hpp"

#include <gtest/gtest.h>

namespace manifold::builder {
namespace {

TEST(NamedContextKey, FamiliarFormWithoutLatest) {
  struct Row {
    const char* name;
    const char* key;
  };
  for (const Row& row : {Row{"alpine", "alpine"}, Row{"alpine:latest", "alpine"},
                         Row{"docker.io/library/alpine", "alpine"}, Row{"index.docker.io/library/alpine:latest", "alpine"},
                         Row{"alpine:3.18", "alpine:3.18"}, Row{"team/app", "team/app"},
                         Row{"docker.io/library/a/b", "library/a/b"}, Row{"localhost:5000/base", "localhost:5000/base"},
                         Row{"localhost:5000/base:latest", "localhost:5000/base"}, Row{"src", "src"},
                         Row{"my_stage.v2", "my_stage.v2"}}) {
    auto key = NamedContextKey(row.name);
    ASSERT_TRUE(key.has_value()) << row.name << ": " << key.error().What();
    EXPECT_EQ(*key, row.key) << row.name;
  }
  for (const std::string& bad : {std::string(), std::string("Upper"), std::string("bad name"), std::string("a:"),
                                 std::string("-lead"), std::string(64, 'a')}) {
    EXPECT_FALSE(NamedContextKey(bad).has_value()) << bad;
  }
}

TEST(ParseBuildContextFlag, Directories) {
  auto parsed = ParseBuildContextFlag("docker.io/library/src=./some/dir");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().What();
  EXPECT_EQ(parsed->first, "src");
  EXPECT_EQ(parsed->second.kind, NamedContextSpec::Kind::kDirectory);
  EXPECT_EQ(parsed->second.path, "./some/dir");
  // '=' in the value belongs to the value.
  auto eq = ParseBuildContextFlag("src=dir=x");
  ASSERT_TRUE(eq.has_value());
  EXPECT_EQ(eq->second.path, "dir=x");
}

TEST(ParseBuildContextFlag, DockerImage) {
  auto parsed = ParseBuildContextFlag("alpine:3.18=docker-image://localhost:5000/pinned:1");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().What();
  EXPECT_EQ(parsed->first, "alpine:3.18");
  EXPECT_EQ(parsed->second.kind, NamedContextSpec::Kind::kImage);
  EXPECT_EQ(parsed->second.reference, "localhost:5000/pinned:1");
  EXPECT_TRUE(ParseBuildContextFlag("base=docker-image://scratch").has_value());
  EXPECT_FALSE(ParseBuildContextFlag("base=docker-image://Not/Valid").has_value());
}

TEST(ParseBuildContextFlag, OciLayoutDigestTagOrLatest) {
  const std::string digest = "sha256:" + std::string(64, 'c');
  auto by_digest = ParseBuildContextFlag("base=oci-layout://./out/layout@" + digest);
  ASSERT_TRUE(by_digest.has_value()) << by_digest.error().What();
  EXPECT_EQ(by_digest->second.kind, NamedContextSpec::Kind::kOciLayout);
  EXPECT_EQ(by_digest->second.path, "./out/layout");
  EXPECT_EQ(by_digest->second.oci_digest, digest);
  EXPECT_EQ(by_digest->second.oci_tag, "");
  auto by_tag = ParseBuildContextFlag("base=oci-layout:///abs/layout:v1");
  ASSERT_TRUE(by_tag.has_value());
  EXPECT_EQ(by_tag->second.path, "/abs/layout");
  EXPECT_EQ(by_tag->second.oci_tag, "v1");
  auto plain = ParseBuildContextFlag("base=oci-layout://layout");
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->second.oci_tag, "latest");
  EXPECT_FALSE(ParseBuildContextFlag("base=oci-layout://layout@sha256:short").has_value());
  EXPECT_FALSE(ParseBuildContextFlag("base=oci-layout://").has_value());
}

TEST(ParseBuildContextFlag, GitUrlsAreGitContexts) {
  for (const char* flag : {"src=https://host.invalid/r.git#main:sub", "src=git@host.invalid:r.git",
                           "src=git://127.0.0.1/r.git", "src=github.com/o/r"}) {
    auto parsed = ParseBuildContextFlag(flag);
    ASSERT_TRUE(parsed.has_value()) << flag << ": " << parsed.error().What();
    EXPECT_EQ(parsed->first, "src");
    EXPECT_EQ(parsed->second.kind, NamedContextSpec::Kind::kGit) << flag;
    EXPECT_EQ(parsed->second.value, std::string_view(flag).substr(4));
  }
}

TEST(ParseBuildContextFlag, RefusalsSayWhy) {
  struct Row {
    const char* flag;
    const char* says;
  };
  for (const Row& row : {Row{"src", "expected NAME=VALUE"}, Row{"Bad=dir", "invalid context name"},
                         Row{"context=dir", "never looked up"}, Row{"scratch=dir", "never looked up"},
                         Row{"src=", "no value"}, Row{"src=target:base", "bake"},
                         Row{"src=https://host.invalid/ctx.tar", "http(s) URLs other than git"},
                         Row{"src=https://host.invalid/r.git#-x", "may not start with '-'"},
                         Row{"src=s3://b/k", "unknown scheme"}}) {
    auto parsed = ParseBuildContextFlag(row.flag);
    ASSERT_FALSE(parsed.has_value()) << row.flag;
    EXPECT_EQ(parsed.error().kind(), util::ErrorKind::kInvalidArgument);
    EXPECT_NE(parsed.error().message().find(row.says), std::string::npos) << parsed.error().message();
    EXPECT_NE(parsed.error().message().find("--build-context"), std::string::npos) << parsed.error().message();
  }
}

}  // namespace
}  // namespace manifold::builder
