// Finding the Docker Engine as the docker CLI does: DOCKER_HOST, contexts, the default socket.
#include "registry/docker_endpoint.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.hpp"
#include "util/sha256.hpp"

namespace manifold::registry {
namespace {

namespace fs = std::filesystem;

// A docker config dir with config.json and, for each context, meta.json as `docker context
// create NAME --docker host=HOST` writes it.
struct ConfigDir {
  testing::TempDir dir;
  DockerEnvironment env;
  ConfigDir() {
    env.docker_config = dir.path().string();
    env.default_socket = dir / "no-such.sock";
  }
  void Write(const fs::path& rel, const std::string& text) {
    fs::create_directories((dir / rel).parent_path());
    std::ofstream(dir / rel) << text;
  }
  void Context(const std::string& name, const std::string& host) {
    Write(fs::path("contexts/meta") / util::Sha256::Hex(name) / "meta.json",
          R"({"Name":")" + name + R"(","Metadata":{"Description":""},"Endpoints":{"docker":{"Host":")" + host +
              R"(","SkipTLSVerify":false}}})");
  }
};

TEST(DockerEndpointTest, DockerHostUnixSocket) {
  ConfigDir c;
  c.env.docker_host = "unix:///run/test/docker.sock";
  auto found = FindDockerEndpoint(c.env);
  ASSERT_TRUE(found) << found.error().Describe();
  ASSERT_TRUE(found->endpoint);
  EXPECT_EQ(found->endpoint->socket, "/run/test/docker.sock");
  EXPECT_EQ(found->endpoint->host, "unix:///run/test/docker.sock");
  EXPECT_EQ(found->endpoint->found_by, "DOCKER_HOST");
}

TEST(DockerEndpointTest, DockerHostTcpIsNotSpoken) {
  ConfigDir c;
  c.env.docker_host = "tcp://127.0.0.1:2375";
  c.Context("other", "unix:///run/other.sock");  // DOCKER_HOST wins over any context, as in the CLI
  c.env.docker_context = "other";
  auto found = FindDockerEndpoint(c.env);
  ASSERT_TRUE(found) << found.error().Describe();
  EXPECT_FALSE(found->endpoint);
  EXPECT_NE(found->why_none.find("DOCKER_HOST names tcp://127.0.0.1:2375"), std::string::npos) << found->why_none;
  EXPECT_NE(found->why_none.find("tcp:// is not supported"), std::string::npos) << found->why_none;
}

TEST(DockerEndpointTest, CurrentContextFromConfigJson) {
  ConfigDir c;
  c.Context("ci", "unix:///run/ci/docker.sock");
  c.Write("config.json", R"({"auths":{},"currentContext":"ci"})");
  auto found = FindDockerEndpoint(c.env);
  ASSERT_TRUE(found) << found.error().Describe();
  ASSERT_TRUE(found->endpoint) << found->why_none;
  EXPECT_EQ(found->endpoint->socket, "/run/ci/docker.sock");
  EXPECT_EQ(found->endpoint->found_by, "docker context ci");
}

TEST(DockerEndpointTest, DockerContextEnvOverridesConfigJson) {
  ConfigDir c;
  c.Context("ci", "unix:///run/ci/docker.sock");
  c.Context("mine", "unix:///run/mine/docker.sock");
  c.Write("config.json", R"({"currentContext":"ci"})");
  c.env.docker_context = "mine";
  auto found = FindDockerEndpoint(c.env);
  ASSERT_TRUE(found && found->endpoint);
  EXPECT_EQ(found->endpoint->socket, "/run/mine/docker.sock");
}

TEST(DockerEndpointTest, HomeDockerDirWithoutDockerConfig) {
  testing::TempDir home;
  DockerEnvironment env;
  env.home = home.path().string();
  env.default_socket = home / "none.sock";
  fs::create_directories(home / ".docker/contexts/meta" / util::Sha256::Hex("h"));
  std::ofstream(home / ".docker/config.json") << R"({"currentContext":"h"})";
  std::ofstream(home / ".docker/contexts/meta" / util::Sha256::Hex("h") / "meta.json")
      << R"({"Name":"h","Endpoints":{"docker":{"Host":"unix:///run/h.sock"}}})";
  auto found = FindDockerEndpoint(env);
  ASSERT_TRUE(found && found->endpoint);
  EXPECT_EQ(found->endpoint->socket, "/run/h.sock");
}

TEST(DockerEndpointTest, DefaultContextMeansTheDefaultSocket) {
  ConfigDir c;
  c.Write("config.json", R"({"currentContext":"default"})");
  c.Write("docker.sock", "");  // exists: that is all the search checks
  c.env.default_socket = c.dir / "docker.sock";
  auto found = FindDockerEndpoint(c.env);
  ASSERT_TRUE(found && found->endpoint);
  EXPECT_EQ(found->endpoint->socket, c.dir / "docker.sock");
  EXPECT_EQ(found->endpoint->found_by, "the default socket");
}

TEST(DockerEndpointTest, NothingFound) {
  ConfigDir c;
  auto found = FindDockerEndpoint(c.env);
  ASSERT_TRUE(found) << found.error().Describe();
  EXPECT_FALSE(found->endpoint);
  EXPECT_NE(found->why_none.find("no DOCKER_HOST, no docker context"), std::string::npos) << found->why_none;
}

TEST(DockerEndpointTest, MissingContextSaysWhichFile) {
  ConfigDir c;
  c.Write("config.json", R"({"currentContext":"gone"})");
  auto found = FindDockerEndpoint(c.env);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->endpoint);
  EXPECT_NE(found->why_none.find("docker context gone"), std::string::npos) << found->why_none;
  EXPECT_NE(found->why_none.find(util::Sha256::Hex("gone")), std::string::npos) << found->why_none;
}

TEST(DockerEndpointTest, ContextWithSshHostIsNotSpoken) {
  ConfigDir c;
  c.Context("remote", "ssh://me@host");
  c.env.docker_context = "remote";
  auto found = FindDockerEndpoint(c.env);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->endpoint);
  EXPECT_NE(found->why_none.find("ssh:// is not supported"), std::string::npos) << found->why_none;
}

TEST(DockerEndpointTest, BrokenConfigJsonIsAnError) {
  ConfigDir c;
  c.Write("config.json", "{not json");
  auto found = FindDockerEndpoint(c.env);
  ASSERT_FALSE(found);
  EXPECT_NE(found.error().What().find("config.json"), std::string::npos) << found.error().What();
}

}  // namespace
}  // namespace manifold::registry
