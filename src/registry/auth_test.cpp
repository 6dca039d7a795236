// WWW-Authenticate parsing, Base64 and registry error messages.
#include "registry/auth.hpp"

#include <gtest/gtest.h>

#include "registry/client.hpp"

namespace manifold::registry {
namespace {

TEST(ParseChallengesTest, BearerWithQuotedParams) {
  auto c = ParseChallenges(R"(Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push")");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].scheme, "bearer");
  EXPECT_EQ(c[0].params["realm"], "https://auth.example/token");
  EXPECT_EQ(c[0].params["service"], "registry.example");
  EXPECT_EQ(c[0].params["scope"], "repository:a/b:pull,push");
}

TEST(ParseChallengesTest, SeveralChallengesAndEscapes) {
  auto c = ParseChallenges(R"(Basic realm="Registry \"x\"", Bearer realm=https://t/token, service=s)");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].scheme, "basic");
  EXPECT_EQ(c[0].params["realm"], "Registry \"x\"");
  EXPECT_EQ(c[1].scheme, "bearer");
  EXPECT_EQ(c[1].params["realm"], "https://t/token");
  EXPECT_EQ(c[1].params["service"], "s");
}

TEST(ParseChallengesTest, SchemeIsCaseInsensitive) {
  auto c = ParseChallenges(R"(BASIC REALM="r")");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].scheme, "basic");
  EXPECT_EQ(c[0].params["realm"], "r");
}

TEST(ParseChallengesTest, GarbageGivesNothing) {
  EXPECT_TRUE(ParseChallenges("").empty());
  EXPECT_TRUE(ParseChallenges(R"(Bearer realm="unterminated)").empty());
}

TEST(StatusErrorTest, NamesStatusAndRegistryCode) {
  HttpResponse r;
  r.status = 404;
  r.body = R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"x"}}]})";
  auto e = StatusError(r);
  EXPECT_EQ(e.kind(), util::ErrorKind::kNotFound);
  EXPECT_EQ(e.message(), "HTTP 404 MANIFEST_UNKNOWN: manifest unknown");
  r.status = 401;
  r.body = R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})";
  EXPECT_EQ(StatusError(r).kind(), util::ErrorKind::kPermissionDenied);
  r.status = 503;
  r.body = "<html>busy</html>";
  EXPECT_EQ(StatusError(r).kind(), util::ErrorKind::kUnavailable);
  EXPECT_EQ(StatusError(r).message(), "HTTP 503");
}

TEST(HttpResponseTest, HeaderLookupIgnoresCase) {
  HttpResponse r;
  r.headers.emplace("docker-content-digest", "sha256:x");
  EXPECT_EQ(r.Header("Docker-Content-Digest"), "sha256:x");
  EXPECT_EQ(r.Header("missing"), "");
}

}  // namespace
}  // namespace manifold::registry
