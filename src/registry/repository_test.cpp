// Repository against a real docker-registry (tests/support/registry/start): blobs both ways,
// chunked uploads, mounts, manifests, and the errors a user sees.
#include "registry/repository.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <random>

#include "registry/hosts.hpp"
#include "registry/pull.hpp"
#include "registry/push.hpp"
#include "support/temp_dir.hpp"

namespace manifold::registry {
namespace {

// One plain-HTTP registry for the whole suite, started by the shared launcher script.
class LiveRegistry : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* source = std::getenv("MANIFOLD_SOURCE_DIR");
    if (source == nullptr) return;
    std::filesystem::path script = std::filesystem::path(source) / "tests/support/registry/start";
    if (!std::filesystem::exists(script) || std::system("command -v docker-registry >/dev/null") != 0) return;
    state_ = new testing::TempDir();
    std::string command = script.string() + " plain " + state_->path().string() + " >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) return;
    std::ifstream env(state_->path() / "env");
    for (std::string line; std::getline(env, line);) {
      if (line.starts_with("REGISTRY=")) host_ = line.substr(9);
    }
    if (!host_.empty() && host_.front() == '\'') host_ = host_.substr(1, host_.size() - 2);
  }
  static void TearDownTestSuite() {
    if (state_ == nullptr) return;
    std::filesystem::path script = std::filesystem::path(std::getenv("MANIFOLD_SOURCE_DIR")) /
                                   "tests/support/registry/stop";
    std::string command = script.string() + " " + state_->path().string() + " >/dev/null 2>&1";
    (void)std::system(command.c_str());
    delete state_;
    state_ = nullptr;
  }
  void SetUp() override {
    if (host_.empty()) GTEST_SKIP() << "no docker-registry (scripts/setup installs it)";
    auto hosts = RegistryHosts::Load(root_.path(), {});
    ASSERT_TRUE(hosts);
    hosts_ = *hosts;
    auto store = content::Store::Open(root_.path());
    ASSERT_TRUE(store);
    store_.emplace(std::move(*store));
  }

  image::Descriptor PutRandomBlob(size_t size) {
    std::string bytes(size, '\0');
    std::mt19937_64 rng(size);
    for (auto& c : bytes) c = static_cast<char>(rng());
    auto digest = store_->Put(bytes);
    EXPECT_TRUE(digest);
    image::Descriptor d;
    d.media_type = "application/octet-stream";
    d.digest = *digest;
    d.size = static_cast<int64_t>(size);
    return d;
  }

  static inline testing::TempDir* state_ = nullptr;
  static inline std::string host_;
  testing::TempDir root_;
  std::shared_ptr<RegistryHosts> hosts_;
  std::optional<content::Store> store_;
};

TEST_F(LiveRegistry, ChunkedUploadThenDownloadIntoAnotherStore) {
  auto repo = hosts_->RepositoryFor(host_, "test/chunked");
  repo.SetChunkSize(256 * 1024);
  auto blob = PutRandomBlob(1024 * 1024 + 17);  // five chunks, the last one short
  ASSERT_FALSE(*repo.HasBlob(blob.digest));
  auto pushed = repo.PushBlob(blob, *store_);
  ASSERT_TRUE(pushed) << pushed.error().Describe();
  EXPECT_FALSE(*pushed);
  EXPECT_TRUE(*repo.HasBlob(blob.digest));

  testing::TempDir other;
  auto other_store = content::Store::Open(other.path());
  ASSERT_TRUE(other_store);
  int64_t last = 0;
  auto fetched = repo.FetchBlob(blob, *other_store, [&](int64_t done, int64_t) { last = done; });
  ASSERT_TRUE(fetched) << fetched.error().Describe();
  EXPECT_EQ(last, blob.size);
  EXPECT_TRUE(other_store->Verify(blob.digest));
}

TEST_F(LiveRegistry, MountAcrossRepositories) {
  auto source = hosts_->RepositoryFor(host_, "test/mount-from");
  auto target = hosts_->RepositoryFor(host_, "test/mount-to");
  auto blob = PutRandomBlob(4096);
  ASSERT_TRUE(source.PushBlob(blob, *store_));
  auto mounted = target.MountBlob(blob.digest, "test/mount-from");
  ASSERT_TRUE(mounted) << mounted.error().Describe();
  EXPECT_TRUE(*mounted);
  EXPECT_TRUE(*target.HasBlob(blob.digest));
  auto other = PutRandomBlob(4097);
  EXPECT_FALSE(*target.MountBlob(other.digest, "test/mount-from"));  // not there to mount
}

TEST_F(LiveRegistry, WrongDigestIsRefusedAndNothingIsStored) {
  auto repo = hosts_->RepositoryFor(host_, "test/verify");
  auto blob = PutRandomBlob(2048);
  ASSERT_TRUE(repo.PushBlob(blob, *store_));
  testing::TempDir other;
  auto other_store = content::Store::Open(other.path());
  image::Descriptor lie = blob;
  lie.size = 2047;  // the registry sends more than announced
  auto fetched = repo.FetchBlob(lie, *other_store);
  ASSERT_FALSE(fetched);
  EXPECT_FALSE(other_store->Has(blob.digest));
}

TEST_F(LiveRegistry, MissingManifestNamesRegistryRepositoryAndTag) {
  auto repo = hosts_->RepositoryFor(host_, "test/none");
  auto got = repo.GetManifest("nope");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().kind(), util::ErrorKind::kNotFound);
  std::string text = got.error().Describe();
  EXPECT_NE(text.find(host_ + "/test/none:nope"), std::string::npos) << text;
  EXPECT_NE(text.find("404"), std::string::npos) << text;
}

TEST_F(LiveRegistry, UnreachableRegistryIsRetriedThenReported) {
  RegistryOptions options;
  options.plain_http = true;
  options.retry.attempts = 3;
  options.retry.first_backoff = std::chrono::milliseconds(10);
  auto registry = std::make_shared<Registry>("127.0.0.1:1", options);
  Repository repo(registry, "x/y");
  auto got = repo.HasBlob(image::Digest::OfBytes("x"));
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().kind(), util::ErrorKind::kUnavailable);
  EXPECT_NE(got.error().Describe().find("127.0.0.1:1"), std::string::npos);
}

}  // namespace
}  // namespace manifold::registry
