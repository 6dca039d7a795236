// Docker's reference grammar and normalization, as a table.
#include "registry/reference.hpp"

#include <gtest/gtest.h>

namespace manifold::registry {
namespace {

struct Row {
  const char* text;
  const char* normalized;  // String() after parsing; nullptr = must be rejected
  const char* why;         // a piece of the error message, for rejected rows
};

const Row kRows[] = {
    {"busybox", "docker.io/library/busybox:latest", nullptr},
    {"busybox:1.36", "docker.io/library/busybox:1.36", nullptr},
    {"team/app", "docker.io/team/app:latest", nullptr},
    {"docker.io/busybox", "docker.io/library/busybox:latest", nullptr},
    {"index.docker.io/library/busybox:1", "docker.io/library/busybox:1", nullptr},
    {"localhost/app", "localhost/app:latest", nullptr},
    {"localhost:5000/app:1.0", "localhost:5000/app:1.0", nullptr},
    {"127.0.0.1:5000/a/b/c:v1", "127.0.0.1:5000/a/b/c:v1", nullptr},
    {"[::1]:5000/app", "[::1]:5000/app:latest", nullptr},
    {"Registry.Example.COM/app", "Registry.Example.COM/app:latest", nullptr},
    {"reg.example/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
     "reg.example/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", nullptr},
    {"reg.example/app:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
     "reg.example/app:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", nullptr},
    {"a.b/x__y/z-q/w.e_r", "a.b/x__y/z-q/w.e_r:latest", nullptr},
    {"a.b/x---y", "a.b/x---y:latest", nullptr},
    {"app:v_1.2-rc", "docker.io/library/app:v_1.2-rc", nullptr},
    {"", nullptr, "empty"},
    {"Busybox", nullptr, "lower-case"},
    {"reg.example/Team/app", nullptr, "lower-case"},
    {"app:-bad", nullptr, "tag"},
    {"app:.bad", nullptr, "tag"},
    {"app:has/slash", nullptr, "registry"},
    {"app@sha256:short", nullptr, "digest"},
    {"app@md5:0123", nullptr, "digest"},
    {"a..b/app", nullptr, "registry"},
    {"reg.example:port/app", nullptr, "registry"},
    {"reg.example/_app", nullptr, "path component"},
    {"reg.example/app_", nullptr, "path component"},
    {"reg.example//app", nullptr, "path component"},
    {"reg.example/a.-b", nullptr, "path component"},
    {"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", nullptr, "image ID"},
};

TEST(ReferenceTest, Table) {
  for (const auto& row : kRows) {
    auto ref = ParseReference(row.text);
    if (row.normalized) {
      ASSERT_TRUE(ref) << row.text << ": " << ref.error().Describe();
      EXPECT_EQ(ref->String(), row.normalized) << row.text;
    } else {
      ASSERT_FALSE(ref) << row.text << " parsed as " << ref->String();
      EXPECT_NE(ref.error().message().find(row.why), std::string::npos) << row.text << ": " << ref.error().message();
      EXPECT_NE(ref.error().message().find(std::string("\"") + row.text + "\""), std::string::npos)
          << "the error quotes the input: " << ref.error().message();
    }
  }
}

TEST(ReferenceTest, TagLimitIs128) {
  EXPECT_TRUE(ParseReference("app:" + std::string(128, 'a')));
  auto too_long = ParseReference("app:" + std::string(129, 'a'));
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().message().find("128"), std::string::npos);
}

TEST(ReferenceTest, NameLimitIs255) {
  EXPECT_TRUE(ParseReference("r.io/" + std::string(250, 'a')));
  EXPECT_FALSE(ParseReference("r.io/" + std::string(251, 'a')));
}

TEST(ReferenceTest, PartsAndForms) {
  auto ref = ParseReference("localhost:5000/team/app:1.0");
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->domain, "localhost:5000");
  EXPECT_EQ(ref->path, "team/app");
  EXPECT_EQ(ref->tag, "1.0");
  EXPECT_EQ(ref->TagOrDigest(), "1.0");
  EXPECT_EQ(ref->Familiar(), "localhost:5000/team/app:1.0");
  auto hub = ParseReference("busybox");
  ASSERT_TRUE(hub);
  EXPECT_EQ(hub->Familiar(), "busybox:latest");
  auto no_default = ParseReferenceNoDefault("busybox");
  ASSERT_TRUE(no_default);
  EXPECT_EQ(no_default->tag, "");
  EXPECT_EQ(no_default->String(), "docker.io/library/busybox");
}

}  // namespace
}  // namespace manifold::registry
