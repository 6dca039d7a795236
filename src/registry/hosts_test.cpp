// Which registries get plain HTTP, and what MANIFOLD_ROOT/config.json may say.
#include "registry/hosts.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"

namespace manifold::registry {
namespace {

TEST(HostsTest, LoopbackHostsSpeakPlainHttp) {
  testing::TempDir root;
  auto hosts = RegistryHosts::Load(root.path(), {});
  ASSERT_TRUE(hosts) << hosts.error().Describe();
  EXPECT_EQ((*hosts)->Get("localhost:5000")->BaseUrl(), "http://localhost:5000");
  EXPECT_EQ((*hosts)->Get("127.0.0.1:5000")->BaseUrl(), "http://127.0.0.1:5000");
  EXPECT_EQ((*hosts)->Get("[::1]:5000")->BaseUrl(), "http://[::1]:5000");
  EXPECT_EQ((*hosts)->Get("registry.example:5000")->BaseUrl(), "https://registry.example:5000");
  EXPECT_EQ((*hosts)->Get("docker.io")->BaseUrl(), "https://registry-1.docker.io");
  (*hosts)->MarkInsecure("registry.example:5000");
  EXPECT_EQ((*hosts)->Get("registry.example:5000")->BaseUrl(), "http://registry.example:5000");
}

TEST(HostsTest, ConfigFileOverridesDefaults) {
  testing::TempDir root;
  ASSERT_TRUE(util::WriteFileAtomic(root.path() / "config.json",
                                    R"({"registries":{"127.0.0.1:5443":{"ca":"/x/ca.pem"},"reg.lan":{"http":true}}})"));
  auto hosts = RegistryHosts::Load(root.path(), {});
  ASSERT_TRUE(hosts) << hosts.error().Describe();
  // A configured loopback registry is taken at its word: TLS here.
  EXPECT_EQ((*hosts)->Get("127.0.0.1:5443")->BaseUrl(), "https://127.0.0.1:5443");
  EXPECT_EQ((*hosts)->Get("reg.lan")->BaseUrl(), "http://reg.lan");
}

TEST(HostsTest, MalformedConfigNamesTheFile) {
  testing::TempDir root;
  ASSERT_TRUE(util::WriteFileAtomic(root.path() / "config.json", R"({"registries": [1]})"));
  auto hosts = RegistryHosts::Load(root.path(), {});
  ASSERT_FALSE(hosts);
  EXPECT_NE(hosts.error().Describe().find("config.json"), std::string::npos);
}

}  // namespace
}  // namespace manifold::registry
