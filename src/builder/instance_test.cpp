// InstanceStore and ParseSshEndpoint: storage round trips, the default instance, selection order.
#include "builder/instance.hpp"

#include <cstdlib>
#include <optional>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "image/platform_parse.hpp"
#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"

namespace manifold::builder {
namespace {

image::Platform P(std::string_view s) { return *image::ParsePlatformFlag(s, image::HostPlatform()); }

Instance TwoNodes(std::string name) {
  return Instance{.name = name,
                  .driver = "docker-container",
                  .nodes = {Node{.name = name + "0", .endpoint = "", .platforms = {P("linux/amd64")}},
                            Node{.name = "arm", .endpoint = "ssh://ci@arm-box:2222",
                                 .platforms = {P("linux/arm64"), P("linux/arm/v7")}}}};
}

// Sets (or unsets) an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? ::setenv(name, value->c_str(), 1) : ::unsetenv(name);
  }
  ~ScopedEnv() { old_ ? ::setenv(name_, old_->c_str(), 1) : ::unsetenv(name_); }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

bool Mentions(const util::Error& e, std::string_view text) { return e.What().find(text) != std::string::npos; }

TEST(InstanceStore, RoundTrip) {
  testing::TempDir root;
  InstanceStore store(root.path());
  ASSERT_TRUE(store.Put(TwoNodes("multi")));
  auto got = store.Get("multi");
  ASSERT_TRUE(got) << got.error().What();
  EXPECT_EQ(got->name, "multi");
  EXPECT_EQ(got->driver, "docker-container");
  ASSERT_EQ(got->nodes.size(), 2u);
  EXPECT_EQ(got->nodes[0].name, "multi0");
  EXPECT_TRUE(got->nodes[0].local());
  EXPECT_EQ(got->nodes[1].endpoint, "ssh://ci@arm-box:2222");
  EXPECT_EQ(got->nodes[1].platforms, (std::vector<image::Platform>{P("linux/arm64"), P("linux/arm/v7")}));

  auto doc = nlohmann::json::parse(*util::ReadFile(root / "builders/multi.json"));
  EXPECT_EQ(doc["version"], 1);
  EXPECT_EQ(doc["nodes"][1]["platforms"], nlohmann::json({"linux/arm64", "linux/arm/v7"}));
}

TEST(InstanceStore, DefaultAlwaysExistsAndCannotBeRemovedOrReplaced) {
  testing::TempDir root;
  InstanceStore store(root.path());
  auto def = store.Get("default");
  ASSERT_TRUE(def);
  ASSERT_EQ(def->nodes.size(), 1u);
  EXPECT_TRUE(def->nodes[0].local());
  auto list = store.List();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].name, "default");

  auto removed = store.Remove("default");
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().kind(), util::ErrorKind::kInvalidArgument);
  Instance replaced = *def;
  replaced.nodes[0].platforms = {P("linux/arm64")};
  EXPECT_FALSE(store.Put(replaced));
}

TEST(InstanceStore, ListsDefaultFirstThenByName) {
  testing::TempDir root;
  InstanceStore store(root.path());
  ASSERT_TRUE(store.Put(TwoNodes("zeta")));
  ASSERT_TRUE(store.Put(TwoNodes("alpha")));
  util::WriteFileAtomic(root / "builders/.tmp-beta.json-XXXX", "half written").value();
  auto list = store.List();
  ASSERT_TRUE(list) << list.error().What();
  std::vector<std::string> names;
  for (const auto& i : *list) names.push_back(i.name);
  EXPECT_EQ(names, (std::vector<std::string>{"default", "alpha", "zeta"}));
}

TEST(InstanceStore, CurrentFallsBackToDefaultWhenTheChosenOneIsRemoved) {
  testing::TempDir root;
  InstanceStore store(root.path());
  EXPECT_EQ(*store.Current(), "default");
  ASSERT_TRUE(store.Put(TwoNodes("multi")));
  ASSERT_TRUE(store.SetCurrent("multi"));
  EXPECT_EQ(*store.Current(), "multi");
  ASSERT_TRUE(store.Remove("multi"));
  EXPECT_EQ(*store.Current(), "default");
  EXPECT_FALSE(std::filesystem::exists(root / "builders/current"));

  // Removed behind the store's back (by hand, or another manifold): still the default.
  ASSERT_TRUE(store.Put(TwoNodes("other")));
  ASSERT_TRUE(store.SetCurrent("other"));
  std::filesystem::remove(root / "builders/other.json");
  EXPECT_EQ(*store.Current(), "default");
}

TEST(InstanceStore, UnknownNamesAreNotFoundAndNameTheBuilder) {
  testing::TempDir root;
  InstanceStore store(root.path());
  for (auto result : {store.Get("nope"), store.Get("nope")}) {
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind(), util::ErrorKind::kNotFound);
    EXPECT_TRUE(Mentions(result.error(), "\"nope\"")) << result.error().What();
    EXPECT_TRUE(Mentions(result.error(), "manifold ls")) << result.error().What();
  }
  auto removed = store.Remove("nope");
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().kind(), util::ErrorKind::kNotFound);
  auto chosen = store.SetCurrent("nope");
  ASSERT_FALSE(chosen);
  EXPECT_EQ(chosen.error().kind(), util::ErrorKind::kNotFound);
}

TEST(InstanceStore, RefusesBadNamesAndNodes) {
  testing::TempDir root;
  InstanceStore store(root.path());
  for (const char* name : {"", "../escape", "a/b", "-flag", ".hidden", "sp ace"}) {
    auto got = store.Get(name);
    ASSERT_FALSE(got) << name;
    EXPECT_EQ(got.error().kind(), util::ErrorKind::kInvalidArgument) << name;
    EXPECT_FALSE(store.Put(TwoNodes(name))) << name;
  }
  EXPECT_TRUE(store.Put(TwoNodes("ok_1.x-y")));

  Instance twice = TwoNodes("twice");
  twice.nodes[1].name = twice.nodes[0].name;
  auto put = store.Put(twice);
  ASSERT_FALSE(put);
  EXPECT_EQ(put.error().kind(), util::ErrorKind::kConflict);
  EXPECT_TRUE(Mentions(put.error(), "twice0")) << put.error().What();

  Instance two_local = TwoNodes("two-local");
  two_local.nodes[1].endpoint = "";
  put = store.Put(two_local);
  ASSERT_FALSE(put);
  EXPECT_EQ(put.error().kind(), util::ErrorKind::kConflict);

  Instance bad_endpoint = TwoNodes("bad-endpoint");
  bad_endpoint.nodes[1].endpoint = "tcp://x:1234";
  EXPECT_FALSE(store.Put(bad_endpoint));
  EXPECT_FALSE(store.Put(Instance{.name = "empty", .driver = "local", .nodes = {}}));
}

TEST(InstanceStore, CorruptFileIsAnErrorNamingTheFile) {
  testing::TempDir root;
  InstanceStore store(root.path());
  ASSERT_TRUE(store.Put(TwoNodes("good")));
  util::WriteFileAtomic(root / "builders/broken.json", "{\"version\":1,\"name\":\"broken\",").value();
  util::WriteFileAtomic(root / "builders/future.json", R"({"version":2,"name":"future","driver":"local","nodes":[]})")
      .value();
  util::WriteFileAtomic(root / "builders/renamed.json",
                        R"({"version":1,"name":"other","driver":"local","nodes":[{"name":"n","endpoint":""}]})")
      .value();
  for (const char* name : {"broken", "future", "renamed"}) {
    auto got = store.Get(name);
    ASSERT_FALSE(got) << name;
    EXPECT_TRUE(Mentions(got.error(), (root / "builders" / (std::string(name) + ".json")).string())) << got.error().What();
  }
  auto list = store.List();
  ASSERT_FALSE(list);
  EXPECT_TRUE(Mentions(list.error(), "broken.json")) << list.error().What();
  // A corrupt instance can still be removed.
  EXPECT_TRUE(store.Remove("broken"));
}

TEST(InstanceStore, SelectPrefersFlagThenManifoldBuilderThenBuildxBuilderThenCurrent) {
  testing::TempDir root;
  InstanceStore store(root.path());
  for (const char* name : {"flag", "mb", "bb", "cur"}) ASSERT_TRUE(store.Put(TwoNodes(name)));
  ScopedEnv no_mb("MANIFOLD_BUILDER", std::nullopt);
  ScopedEnv no_bb("BUILDX_BUILDER", std::nullopt);
  EXPECT_EQ(store.Select("")->name, "default");
  ASSERT_TRUE(store.SetCurrent("cur"));
  EXPECT_EQ(store.Select("")->name, "cur");
  {
    ScopedEnv bb("BUILDX_BUILDER", "bb");
    EXPECT_EQ(store.Select("")->name, "bb");
    {
      ScopedEnv mb("MANIFOLD_BUILDER", "mb");
      EXPECT_EQ(store.Select("")->name, "mb");
      EXPECT_EQ(store.Select("flag")->name, "flag");
    }
    ScopedEnv empty_mb("MANIFOLD_BUILDER", "");
    EXPECT_EQ(store.Select("")->name, "bb") << "an empty variable is unset";
  }
}

TEST(InstanceStore, SelectErrorsNameWhereTheUnknownNameCameFrom) {
  testing::TempDir root;
  InstanceStore store(root.path());
  ScopedEnv no_mb("MANIFOLD_BUILDER", std::nullopt);
  ScopedEnv no_bb("BUILDX_BUILDER", std::nullopt);
  auto chosen = store.Select("ghost");
  ASSERT_FALSE(chosen);
  EXPECT_EQ(chosen.error().kind(), util::ErrorKind::kNotFound);
  EXPECT_TRUE(Mentions(chosen.error(), "--builder ghost")) << chosen.error().What();
  {
    ScopedEnv bb("BUILDX_BUILDER", "ghost");
    chosen = store.Select("");
    ASSERT_FALSE(chosen);
    EXPECT_TRUE(Mentions(chosen.error(), "BUILDX_BUILDER=ghost")) << chosen.error().What();
  }
  ScopedEnv mb("MANIFOLD_BUILDER", "spook");
  chosen = store.Select("");
  ASSERT_FALSE(chosen);
  EXPECT_TRUE(Mentions(chosen.error(), "MANIFOLD_BUILDER=spook")) << chosen.error().What();
}

TEST(ParseSshEndpoint, GoodEndpoints) {
  struct Case {
    const char* text;
    const char* user;
    const char* host;
    int port;
  };
  for (const Case& c : {Case{"ssh://host", "", "host", 0}, Case{"ssh://me@host", "me", "host", 0},
                        Case{"ssh://me@host.example:2222", "me", "host.example", 2222},
                        Case{"ssh://10.0.0.7:22", "", "10.0.0.7", 22}, Case{"ssh://[::1]", "", "::1", 0},
                        Case{"ssh://ci@[fe80::1]:65535", "ci", "fe80::1", 65535}}) {
    auto e = ParseSshEndpoint(c.text);
    ASSERT_TRUE(e) << c.text << ": " << e.error().What();
    EXPECT_EQ(e->user, c.user) << c.text;
    EXPECT_EQ(e->host, c.host) << c.text;
    EXPECT_EQ(e->port, c.port) << c.text;
  }
}

TEST(ParseSshEndpoint, BadEndpointsSayWhatIsWrong) {
  struct Case {
    const char* text;
    const char* says;
  };
  for (const Case& c : {Case{"tcp://x:1234", "tcp://"}, Case{"unix:///run/buildkit.sock", "unix://"},
                        Case{"desktop-linux", "docker context"}, Case{"ssh://", "no host"},
                        Case{"ssh://me@", "no host"}, Case{"ssh://@host", "user"}, Case{"ssh://h:99999", "port \"99999\""},
                        Case{"ssh://h:0", "port"}, Case{"ssh://h:", "port \"\""}, Case{"ssh://h:22x", "port"},
                        Case{"ssh://h/path", "path"}, Case{"ssh://h?x=1", "query"}, Case{"ssh://me:pw@h", "password"},
                        Case{"ssh://-oProxyCommand=x", "not valid"}, Case{"ssh://fe80::1", "brackets"},
                        Case{"ssh://[::1", "not closed"}, Case{"ssh://h x", "not valid"}}) {
    auto e = ParseSshEndpoint(c.text);
    ASSERT_FALSE(e) << c.text;
    EXPECT_EQ(e.error().kind(), util::ErrorKind::kInvalidArgument) << c.text;
    EXPECT_TRUE(Mentions(e.error(), c.says)) << c.text << ": " << e.error().What();
    EXPECT_TRUE(Mentions(e.error(), fmt::format("{:?}", c.text))) << "names the endpoint: " << e.error().What();
  }
}

}  // namespace
}  // namespace manifold::builder
