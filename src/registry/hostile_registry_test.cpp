// The registry client against a lying registry (tests/support/registry/hostile_registry.py):
// bounded reads, deadlines, safe error text, token realms, credentials and redirects.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <thread>

#include "image/manifest.hpp"
#include "registry/client.hpp"
#include "registry/repository.hpp"
#include "support/temp_dir.hpp"

namespace manifold::registry {
namespace {

using std::chrono::steady_clock;

// One hostile_registry.py process, killed when destroyed.
class Hostile {
 public:
  Hostile(const Hostile&) = delete;
  Hostile& operator=(const Hostile&) = delete;
  ~Hostile() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  static std::unique_ptr<Hostile> Start(std::vector<std::string> args, std::string* why_not) {
    const char* source = std::getenv("MANIFOLD_SOURCE_DIR");
    if (source == nullptr) {
      *why_not = "MANIFOLD_SOURCE_DIR is not set (run through ctest)";
      return nullptr;
    }
    std::string script = std::string(source) + "/tests/support/registry/hostile_registry.py";
    if (::access("/usr/bin/python3", X_OK) != 0) {
      *why_not = "no /usr/bin/python3";
      return nullptr;
    }
    std::unique_ptr<Hostile> h(new Hostile());
    std::string port_file = (h->dir_.path() / "port").string();
    h->log_ = h->dir_.path() / "log";
    std::vector<std::string> argv = {"/usr/bin/python3", script, port_file, h->log_.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::string bind = "127.0.0.1";
    for (size_t i = 0; i + 1 < args.size(); ++i) {
      if (args[i] == "--bind") bind = args[i + 1];
    }
    h->pid_ = ::fork();
    if (h->pid_ == 0) {
      std::vector<char*> raw;
      for (auto& a : argv) raw.push_back(a.data());
      raw.push_back(nullptr);
      ::execv(raw[0], raw.data());
      ::_exit(127);
    }
    for (int i = 0; i < 200 && !std::filesystem::exists(port_file); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    std::ifstream in(port_file);
    std::string port;
    in >> port;
    if (port.empty()) {
      *why_not = "hostile_registry.py did not start";
      return nullptr;
    }
    h->host_ = bind + ":" + port;
    return h;
  }

  const std::string& host() const { return host_; }
  std::string Log() const {
    std::ifstream in(log_);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

 private:
  Hostile() = default;
  testing::TempDir dir_;
  std::filesystem::path log_;
  pid_t pid_ = -1;
  std::string host_;
};

class HostileRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = content::Store::Open(root_.path());
    ASSERT_TRUE(store);
    store_.emplace(std::move(*store));
    options_.plain_http = true;
    options_.retry.attempts = 2;
    options_.retry.first_backoff = std::chrono::milliseconds(10);
  }

  // Starts a hostile registry with `args` (the test is skipped when that is impossible).
  Hostile* Serve(std::vector<std::string> args) {
    std::string why;
    servers_.push_back(Hostile::Start(std::move(args), &why));
    if (!servers_.back()) {
      ADD_FAILURE() << why;
      return nullptr;
    }
    return servers_.back().get();
  }

  Repository App(const Hostile& h) {
    return Repository(std::make_shared<Registry>(h.host(), options_), "app");
  }

  // The image's manifest as the server states it (a normal GET of it).
  image::Manifest ManifestOf(const Repository& repo) {
    auto fetched = repo.GetManifest("1");
    EXPECT_TRUE(fetched) << fetched.error().What();
    auto parsed = image::ParseManifest(fetched->bytes);
    EXPECT_TRUE(parsed);
    return *parsed;
  }

  static double Since(steady_clock::time_point start) {
    return std::chrono::duration<double>(steady_clock::now() - start).count();
  }

  testing::TempDir root_;
  std::optional<content::Store> store_;
  RegistryOptions options_;
  std::vector<std::unique_ptr<Hostile>> servers_;
};

bool Contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

TEST_F(HostileRegistryTest, EndlessManifestStopsAtTheManifestLimit) {
  auto* h = Serve({"--manifest", "endless"});
  ASSERT_TRUE(h);
  auto start = steady_clock::now();
  auto got = App(*h).GetManifest("1");
  ASSERT_FALSE(got);
  std::string what = got.error().What();
  EXPECT_TRUE(Contains(what, h->host() + "/app")) << what;
  EXPECT_TRUE(Contains(what, "manifest 1")) << what;
  EXPECT_TRUE(Contains(what, "limit of 4194304 bytes")) << what;
  EXPECT_LT(Since(start), 10);
}

TEST_F(HostileRegistryTest, HugeManifestIsRefusedOnItsAnnouncedLength) {
  auto* h = Serve({"--manifest", "huge"});
  ASSERT_TRUE(h);
  auto got = App(*h).GetManifest("1");
  ASSERT_FALSE(got);
  EXPECT_TRUE(Contains(got.error().What(), "announces 200000000 bytes")) << got.error().What();
}

TEST_F(HostileRegistryTest, EndlessErrorBodyIsReadOnlyInPart) {
  auto* h = Serve({"--errors", "endless"});
  ASSERT_TRUE(h);
  auto start = steady_clock::now();
  auto got = App(*h).GetManifest("missing");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().kind(), util::ErrorKind::kNotFound) << got.error().What();
  EXPECT_TRUE(Contains(got.error().What(), "not read further")) << got.error().What();
  EXPECT_LT(Since(start), 10);
}

TEST_F(HostileRegistryTest, RegistryErrorTextCannotDriveTheTerminal) {
  auto* h = Serve({"--errors", "ansi"});
  ASSERT_TRUE(h);
  auto got = App(*h).GetManifest("missing");
  ASSERT_FALSE(got);
  for (const std::string& text : {got.error().What(), got.error().Describe()}) {
    EXPECT_FALSE(Contains(text, "\x1b")) << text;
    EXPECT_FALSE(Contains(text, "\x07")) << text;
    EXPECT_FALSE(Contains(text, "\xc2\x9b")) << text;
    EXPECT_TRUE(Contains(text, "manifest unknown \\x1b[2J\\x1b]0;pwned\\x07\\x1b[31mred\\u009bK")) << text;
  }
}

TEST_F(HostileRegistryTest, HugeConfigIsRefusedBeforeAnyByte) {
  auto* h = Serve({"--config-size", "1181116006"});  // 1.1 GiB by its descriptor
  ASSERT_TRUE(h);
  auto repo = App(*h);
  image::Manifest manifest = ManifestOf(repo);
  auto fetched = repo.FetchConfig(manifest.config, *store_);
  ASSERT_FALSE(fetched);
  std::string what = fetched.error().What();
  EXPECT_TRUE(Contains(what, "1181116006 bytes")) << what;
  EXPECT_TRUE(Contains(what, "at most 67108864 bytes")) << what;
  EXPECT_FALSE(Contains(h->Log(), "GET /v2/app/blobs/" + manifest.config.digest.str())) << h->Log();
}

TEST_F(HostileRegistryTest, EndlessConfigStopsAtTheConfigLimit) {
  options_.limits.config_bytes = 1 << 20;
  auto* h = Serve({"--config-body", "endless"});
  ASSERT_TRUE(h);
  auto repo = App(*h);
  image::Manifest manifest = ManifestOf(repo);
  auto read = repo.ReadBlob(manifest.config.digest);
  ASSERT_FALSE(read);
  EXPECT_TRUE(Contains(read.error().What(), "limit of 1048576 bytes")) << read.error().What();
  manifest.config.size = 100;  // a descriptor that lies low: its size bounds the body
  auto fetched = repo.FetchConfig(manifest.config, *store_);
  ASSERT_FALSE(fetched);
  EXPECT_TRUE(Contains(fetched.error().What(), "limit of 100 bytes")) << fetched.error().What();
}

TEST_F(HostileRegistryTest, LayerLongerThanItsDescriptorFailsAtOnce) {
  for (std::string size : {"0", "100"}) {
    auto* h = Serve({"--layer-size", size, "--layer-body", "endless"});
    ASSERT_TRUE(h);
    auto repo = App(*h);
    image::Manifest manifest = ManifestOf(repo);
    ASSERT_EQ(manifest.layers.at(0).size, std::stoll(size));
    auto start = steady_clock::now();
    auto fetched = repo.FetchBlob(manifest.layers[0], *store_);
    ASSERT_FALSE(fetched) << "size " << size;
    std::string what = fetched.error().What();
    EXPECT_TRUE(Contains(what, "(" + size + " bytes by its descriptor)")) << what;
    EXPECT_TRUE(Contains(what, "limit of " + size + " bytes")) << what;
    EXPECT_LT(Since(start), 10);
    EXPECT_FALSE(store_->Has(manifest.layers[0].digest));
    EXPECT_TRUE(std::filesystem::is_empty(store_->IngestDir()));
  }
}

TEST_F(HostileRegistryTest, TricklingManifestMeetsTheDocumentDeadline) {
  options_.limits.document_deadline = std::chrono::seconds(2);
  options_.retry.attempts = 1;
  auto* h = Serve({"--manifest", "trickle"});
  ASSERT_TRUE(h);
  auto start = steady_clock::now();
  auto got = App(*h).GetManifest("1");
  ASSERT_FALSE(got);
  EXPECT_TRUE(Contains(got.error().What(), "deadline 2 s")) << got.error().What();
  EXPECT_LT(Since(start), 6);
}

TEST_F(HostileRegistryTest, TricklingBlobMeetsTheLowSpeedLimit) {
  options_.limits.low_speed_time = std::chrono::seconds(2);
  auto* h = Serve({"--layer-size", "100000000", "--layer-body", "slow:100"});
  ASSERT_TRUE(h);
  auto repo = App(*h);
  image::Manifest manifest = ManifestOf(repo);
  auto start = steady_clock::now();
  auto fetched = repo.FetchBlob(manifest.layers[0], *store_);
  ASSERT_FALSE(fetched);
  EXPECT_TRUE(Contains(fetched.error().What(), "under 1024 bytes/s for 2 s")) << fetched.error().What();
  EXPECT_LT(Since(start), 10);
}

TEST_F(HostileRegistryTest, TokenRealmsOfOtherSchemesAreNotFollowed) {
  auto* target = Serve({});
  ASSERT_TRUE(target);
  for (std::string realm : {"gopher://" + target->host() + "/_PING", std::string("file:///etc/passwd"),
                            "dict://" + target->host() + "/x"}) {
    auto* h = Serve({"--realm", realm});
    ASSERT_TRUE(h);
    auto got = App(*h).GetManifest("1");
    ASSERT_FALSE(got) << realm;
    EXPECT_EQ(got.error().kind(), util::ErrorKind::kPermissionDenied);
    EXPECT_TRUE(Contains(got.error().What(), "token realm " + realm + " is not followed")) << got.error().What();
  }
  EXPECT_EQ(target->Log(), "");
}

TEST_F(HostileRegistryTest, CredentialsGoToAPlainHttpRealmOnlyOnTheRegistrysHost) {
  // 127.0.0.2 is "another host" than 127.0.0.1 (both loopback).
  auto* elsewhere = Serve({"--bind", "127.0.0.2", "--token"});
  auto* same_host = Serve({"--token"});
  ASSERT_TRUE(elsewhere && same_host);
  auto* h = Serve({"--realm", "http://" + elsewhere->host() + "/token"});
  ASSERT_TRUE(h);
  options_.credentials = [](std::string_view) -> util::Result<Credential> { return Credential{"alice", "secret", ""}; };
  auto got = App(*h).GetManifest("1");
  ASSERT_FALSE(got);
  EXPECT_TRUE(Contains(got.error().What(), "not sending the credentials of user alice to the token service at http://" +
                                               elsewhere->host() + "/token"))
      << got.error().What();
  EXPECT_EQ(elsewhere->Log(), "");

  // Anonymous access to the same realm is fine: nothing secret is sent.
  options_.credentials = {};
  auto anonymous = App(*h).GetManifest("1");
  EXPECT_TRUE(anonymous) << anonymous.error().What();
  EXPECT_TRUE(Contains(elsewhere->Log(), "authorization=-")) << elsewhere->Log();

  // A realm on the registry's own host (another port) gets them, as before.
  options_.credentials = [](std::string_view) -> util::Result<Credential> { return Credential{"alice", "secret", ""}; };
  auto* own = Serve({"--realm", "http://" + same_host->host() + "/token"});
  ASSERT_TRUE(own);
  auto with_own = App(*own).GetManifest("1");
  EXPECT_TRUE(with_own) << with_own.error().What();
  EXPECT_TRUE(Contains(same_host->Log(), "authorization=Basic ")) << same_host->Log();
}

TEST_F(HostileRegistryTest, RedirectsNeverCarryTheRegistrysCredentials) {
  options_.credentials = [](std::string_view) -> util::Result<Credential> { return Credential{"alice", "secret", ""}; };
  auto* other_host = Serve({"--bind", "127.0.0.2"});
  auto* other_port = Serve({});
  ASSERT_TRUE(other_host && other_port);
  for (auto* target : {other_host, other_port}) {
    auto* h = Serve({"--basic", "alice:secret", "--redirect-blobs", "http://" + target->host()});
    ASSERT_TRUE(h);
    auto repo = App(*h);
    image::Manifest manifest = ManifestOf(repo);
    auto fetched = repo.FetchBlob(manifest.layers[0], *store_);
    EXPECT_TRUE(fetched) << fetched.error().What();
    EXPECT_TRUE(Contains(h->Log(), "authorization=Basic ")) << h->Log();
    EXPECT_TRUE(Contains(target->Log(), "GET /v2/app/blobs/")) << target->Log();
    EXPECT_FALSE(Contains(target->Log(), "authorization=Basic")) << target->Log();
    ASSERT_TRUE(store_->Has(manifest.layers[0].digest));
    std::filesystem::remove(store_->BlobPath(manifest.layers[0].digest));
  }
}

TEST_F(HostileRegistryTest, RedirectsGoOnlyToHttpAndAreBounded) {
  options_.limits.low_speed_time = std::chrono::seconds(3);
  auto* target = Serve({});
  ASSERT_TRUE(target);
  auto* h = Serve({"--redirect-blobs", "ftp://" + target->host()});
  ASSERT_TRUE(h);
  auto repo = App(*h);
  image::Manifest manifest = ManifestOf(repo);
  auto fetched = repo.FetchBlob(manifest.layers[0], *store_);
  ASSERT_FALSE(fetched);
  EXPECT_TRUE(Contains(fetched.error().What(), "ftp")) << fetched.error().What();
  EXPECT_EQ(target->Log(), "");

  auto* loop = Serve({"--redirect-blobs", "self"});
  ASSERT_TRUE(loop);
  auto looping = App(*loop);
  manifest = ManifestOf(looping);
  fetched = looping.FetchBlob(manifest.layers[0], *store_);
  ASSERT_FALSE(fetched);
  EXPECT_TRUE(Contains(fetched.error().What(), "at most 5 redirects")) << fetched.error().What();
}

}  // namespace
}  // namespace manifold::registry
