// docker's config.json: reading what docker writes, writing what docker reads.
#include "registry/credentials.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"

namespace manifold::registry {
namespace {

class CredentialsTest : public ::testing::Test {
 protected:
  void Write(std::string_view json) { ASSERT_TRUE(util::WriteFileAtomic(dir_.path() / "config.json", json)); }
  nlohmann::json Read() { return nlohmann::json::parse(*util::ReadFile(dir_.path() / "config.json")); }
  CredentialStore Store() { return *CredentialStore::Open(dir_.path()); }
  testing::TempDir dir_;
};

TEST_F(CredentialsTest, MissingFileIsAnonymous) {
  auto c = Store().Get("localhost:5000");
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->empty());
}

TEST_F(CredentialsTest, ReadsAuthsUnderAnySpelling) {
  // "user:pa:ss" — the password may hold colons.
  Write(R"({"auths": {"https://reg.example:5000/v2/": {"auth": "dXNlcjpwYTpzcw=="},
                      "https://index.docker.io/v1/": {"auth": "aHViOnNlY3JldA=="},
                      "other.example": {"username": "u2", "password": "p2"},
                      "tok.example": {"auth": "dXNlcjpwYTpzcw==", "identitytoken": "refresh"}}})");
  auto c = Store().Get("reg.example:5000");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->username, "user");
  EXPECT_EQ(c->password, "pa:ss");
  EXPECT_EQ(Store().Get("docker.io")->username, "hub");
  EXPECT_EQ(Store().Get("other.example")->password, "p2");
  EXPECT_EQ(Store().Get("tok.example")->identity_token, "refresh");
  EXPECT_TRUE(Store().Get("nowhere.example")->empty());
}

TEST_F(CredentialsTest, StoreKeepsOtherKeysAndIsPrivate) {
  Write(R"({"auths": {"http://reg.example/": {"auth": "b2xkOm9sZA=="}}, "psFormat": "table {{.ID}}"})");
  ASSERT_TRUE(Store().Store("reg.example", {"new", "secret", ""}));
  ASSERT_TRUE(Store().Store("docker.io", {"hub", "pw", ""}));
  auto json = Read();
  EXPECT_EQ(json["psFormat"], "table {{.ID}}");
  EXPECT_FALSE(json["auths"].contains("http://reg.example/"));  // one entry per host
  EXPECT_EQ(json["auths"]["reg.example"]["auth"], "bmV3OnNlY3JldA==");
  EXPECT_EQ(json["auths"]["https://index.docker.io/v1/"]["auth"], "aHViOnB3");
  struct stat st;
  ASSERT_EQ(::stat((dir_.path() / "config.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(Store().Get("reg.example")->password, "secret");
}

TEST_F(CredentialsTest, EraseRemovesAndReportsAbsence) {
  ASSERT_TRUE(Store().Store("reg.example", {"u", "p", ""}));
  ASSERT_TRUE(Store().Erase("reg.example"));
  EXPECT_TRUE(Store().Get("reg.example")->empty());
  auto again = Store().Erase("reg.example");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind(), util::ErrorKind::kNotFound);
}

TEST_F(CredentialsTest, MalformedAuthNamesTheFileNotTheSecret) {
  Write(R"({"auths": {"reg.example": {"auth": "bm9jb2xvbg=="}}})");  // "nocolon"
  auto c = Store().Get("reg.example");
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().Describe().find("config.json"), std::string::npos);
  EXPECT_EQ(c.error().Describe().find("nocolon"), std::string::npos);
}

TEST_F(CredentialsTest, MissingHelperIsAClearError) {
  Write(R"({"credHelpers": {"reg.example": "does-not-exist-anywhere"}})");
  auto c = Store().Get("reg.example");
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().Describe().find("docker-credential-does-not-exist-anywhere"), std::string::npos);
}

}  // namespace
}  // namespace manifold::registry
