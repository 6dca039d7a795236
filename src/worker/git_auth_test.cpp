// GIT_AUTH_TOKEN / GIT_AUTH_HEADER as BuildKit reads them, and git configuration by environment.
#include "worker/git_auth.hpp"

#include <map>

#include <gtest/gtest.h>

namespace manifold::worker {
namespace {

using util::ParseGitUrl;

// --- auth ---

struct Secrets {
  std::map<std::string, std::string> values;
  SecretLookup Lookup() const {
    return [this](const std::string& id) -> const std::string* {
      auto it = values.find(id);
      return it == values.end() ? nullptr : &it->second;
    };
  }
};

TEST(GitAuthTest, TokenBecomesBasicXAccessToken) {
  auto url = *ParseGitUrl("https://example.test/o/r.git");
  Secrets s{{{"GIT_AUTH_TOKEN", "abc123\n"}}};
  // base64("x-access-token:abc123")
  EXPECT_EQ(GitAuthHeaderValue(url, s.Lookup()), "basic eC1hY2Nlc3MtdG9rZW46YWJjMTIz");
}

TEST(GitAuthTest, BuildKitOrderHostScopedFirstHeaderBeforeToken) {
  auto url = *ParseGitUrl("http://127.0.0.1:8080/r.git");
  Secrets s{{{"GIT_AUTH_TOKEN", "t"}, {"GIT_AUTH_HEADER", "bearer generic"}}};
  EXPECT_EQ(GitAuthHeaderValue(url, s.Lookup()), "bearer generic");
  s.values["GIT_AUTH_TOKEN.127.0.0.1:8080"] = "hosttoken";
  EXPECT_EQ(GitAuthHeaderValue(url, s.Lookup()), "basic eC1hY2Nlc3MtdG9rZW46aG9zdHRva2Vu");
  s.values["GIT_AUTH_HEADER.127.0.0.1:8080"] = "bearer host";
  EXPECT_EQ(GitAuthHeaderValue(url, s.Lookup()), "bearer host");
  s.values = {{"GIT_AUTH_TOKEN.other.test", "x"}};
  EXPECT_EQ(GitAuthHeaderValue(url, s.Lookup()), std::nullopt) << "another host's token is not sent";
}

TEST(GitAuthTest, NoHeaderForSshOrGitTransports) {
  Secrets s{{{"GIT_AUTH_TOKEN", "t"}}};
  EXPECT_EQ(GitAuthHeaderValue(*ParseGitUrl("git://127.0.0.1/r.git"), s.Lookup()), std::nullopt);
  EXPECT_EQ(GitAuthHeaderValue(*ParseGitUrl("git@example.test:o/r.git"), s.Lookup()), std::nullopt);
  EXPECT_EQ(GitAuthHeaderValue(*ParseGitUrl("https://example.test/r.git"), SecretLookup()), std::nullopt);
}

TEST(GitAuthTest, ScopeIsTheRemoteOrAllOfGithub) {
  EXPECT_EQ(GitAuthScope(*ParseGitUrl("https://example.test/o/r.git#main")), "https://example.test/o/r.git");
  EXPECT_EQ(GitAuthScope(*ParseGitUrl("github.com/o/r")), "https://github.com/");
}

TEST(GitAuthTest, ConfigGoesThroughTheEnvironment) {
  auto env = GitConfigEnvironment({{"http.https://h/r.git.extraheader", "Authorization: basic x"}, {"a.b", "c"}});
  std::vector<std::string> want = {"GIT_CONFIG_COUNT=2",
                                   "GIT_CONFIG_KEY_0=http.https://h/r.git.extraheader",
                                   "GIT_CONFIG_VALUE_0=Authorization: basic x",
                                   "GIT_CONFIG_KEY_1=a.b",
                                   "GIT_CONFIG_VALUE_1=c"};
  EXPECT_EQ(env, want);
}

}  // namespace
}  // namespace manifold::worker
