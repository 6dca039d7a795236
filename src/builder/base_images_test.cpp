// BaseImages against a real docker-registry on 127.0.0.1: prefetched platforms resolve as asked
// ones do, the tag is asked once, and only what a build asks for is shown.
#include "builder/base_images.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "image/config.hpp"
#include "image/descriptor_json.hpp"
#include "image/index.hpp"
#include "image/manifest.hpp"
#include "image/media_types.hpp"
#include "image/platform_parse.hpp"
#include "registry/push.hpp"
#include "support/registry_suite.hpp"
#include "support/temp_dir.hpp"

namespace manifold::builder {
namespace {

class RecordingSink final : public progress::Sink {
 public:
  void Emit(const progress::Event& event) override {
    std::lock_guard lock(mu_);
    const char* kind = event.kind == progress::EventKind::kStarted ? "started"
                       : event.kind == progress::EventKind::kDone  ? "done"
                       : event.kind == progress::EventKind::kError ? "error"
                                                                   : "other";
    lines_.push_back(std::string(kind) + " " + event.name);
  }
  std::vector<std::string> lines() {
    std::lock_guard lock(mu_);
    return lines_;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> lines_;
};

image::Platform P(std::string_view text) { return *image::ParsePlatform(text, image::HostPlatform()); }

class BaseImagesTest : public testing::RegistrySuite {
 protected:
  void SetUp() override {
    RegistrySuite::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto pusher = content::Store::Open(dir_ / "pusher");
    ASSERT_TRUE(pusher);
    // linux/amd64 and linux/arm64 under one tag, each with a layer and a config of its own.
    image::Index index;
    for (const char* platform : {"linux/amd64", "linux/arm64"}) {
      image::ImageConfig config;
      config.platform = P(platform);
      std::string layer = "layer of " + std::string(platform);
      ASSERT_TRUE(pusher->Put(layer));
      image::Manifest manifest;
      manifest.layers.push_back(image::DescriptorOf(image::media_type::kOciLayerGzip, layer));
      config.diff_ids.push_back(image::Digest::OfBytes(layer));
      config.config.env = {std::string("BUILT_FOR=") + platform};
      std::string config_bytes = image::SerializeConfig(config);
      ASSERT_TRUE(pusher->Put(config_bytes));
      manifest.config = image::DescriptorOf(image::media_type::kOciConfig, config_bytes);
      std::string manifest_bytes = image::SerializeManifest(manifest);
      ASSERT_TRUE(pusher->Put(manifest_bytes));
      auto entry = image::DescriptorOf(image::media_type::kOciManifest, manifest_bytes);
      entry.platform = P(platform);
      index.manifests.push_back(entry);
    }
    std::string index_bytes = image::SerializeIndex(index);
    ASSERT_TRUE(pusher->Put(index_bytes));
    auto pushed = registry::PushImage(hosts_->RepositoryFor(registry().host(), "test/base"), *pusher,
                                      image::DescriptorOf(image::media_type::kOciIndex, index_bytes), {"v1"});
    ASSERT_TRUE(pushed) << pushed.error().Describe();
    name_ = registry().host() + "/test/base:v1";
  }

  content::Store FreshStore(const std::string& dir) {
    auto store = content::Store::Open(dir_ / dir);
    EXPECT_TRUE(store);
    return std::move(*store);
  }

  // The registry's requests (GET or HEAD) for test/base's manifest `ref` so far, from its access log.
  int Requests(std::string_view ref) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the line is written after the response
    std::ifstream log(registry().state() / "registry.log");
    int n = 0;
    const std::string path = fmt::format(" /v2/test/base/manifests/{} HTTP", ref);
    for (std::string line; std::getline(log, line);) {
      // The access log's line ("GET /v2/... HTTP/1.1"), not the application log's about it.
      if (line.find("\"GET" + path) != std::string::npos || line.find("\"HEAD" + path) != std::string::npos) ++n;
    }
    return n;
  }
  int TagRequests() { return Requests("v1"); }

  std::string name_;
};

TEST_F(BaseImagesTest, PrefetchedPlatformsResolveAsAskedOnesDoAndTheTagIsAskedOnce) {
  // One platform after the other, as without prefetching.
  auto plain_store = FreshStore("plain");
  RecordingSink plain_sink;
  std::map<std::string, frontend::dockerfile::ResolvedBaseImage> plain;
  {
    BaseImages images(hosts_, plain_store, plain_sink);
    for (const char* platform : {"linux/amd64", "linux/arm64"}) {
      auto resolved = images.Resolve(name_, P(platform));
      ASSERT_TRUE(resolved) << resolved.error().Describe();
      plain[platform] = *resolved;
    }
  }

  const int before = TagRequests();
  auto store = FreshStore("prefetched");
  RecordingSink sink;
  {
    BaseImages images(hosts_, store, sink);
    const std::string arm64_manifest = plain["linux/arm64"].reference.substr(plain["linux/arm64"].reference.find('@') + 1);
    const int arm64_before = Requests(arm64_manifest);
    images.Prefetch(name_, {P("linux/amd64"), P("linux/arm64")});
    EXPECT_TRUE(sink.lines().empty()) << "a prefetch shows nothing by itself";
    ASSERT_TRUE(images.Resolve(name_, P("linux/amd64")));
    EXPECT_EQ(Requests(arm64_manifest) - arm64_before, 1) << "arm64's manifest was fetched before anyone asked";
    for (const char* platform : {"linux/amd64", "linux/arm64"}) {
      auto resolved = images.Resolve(name_, P(platform));
      ASSERT_TRUE(resolved) << resolved.error().Describe();
      EXPECT_EQ(resolved->reference, plain[platform].reference);
      EXPECT_EQ(resolved->config.config.env, plain[platform].config.config.env);
      EXPECT_EQ(resolved->config.platform.architecture, P(platform).architecture);
    }
    // A second ask of a pair (another stage FROM the same image) is answered silently.
    ASSERT_TRUE(images.Resolve(name_, P("linux/arm64")));
  }
  EXPECT_EQ(TagRequests() - before, 1) << "the tag is asked once for both platforms";
  EXPECT_EQ(sink.lines(), plain_sink.lines()) << "the same steps, in the order they were asked for";
  EXPECT_EQ(sink.lines().size(), 4u);
}

TEST_F(BaseImagesTest, APrefetchNobodyAsksForShowsNothingAndItsFailureWaitsForTheAsk) {
  auto store = FreshStore("root");
  RecordingSink sink;
  BaseImages images(hosts_, store, sink);
  images.Prefetch(name_, {P("linux/amd64"), P("linux/s390x")});
  auto amd64 = images.Resolve(name_, P("linux/amd64"));
  ASSERT_TRUE(amd64) << amd64.error().Describe();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the s390x attempt has failed by now
  ASSERT_EQ(sink.lines().size(), 2u);
  EXPECT_NE(sink.lines()[0].find("started [linux/amd64 internal] load metadata for "), std::string::npos);

  auto s390x = images.Resolve(name_, P("linux/s390x"));
  ASSERT_FALSE(s390x);
  EXPECT_NE(s390x.error().Describe().find("no matching manifest for linux/s390x"), std::string::npos)
      << s390x.error().Describe();
  auto lines = sink.lines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_NE(lines[3].find("error [linux/s390x internal] load metadata for "), std::string::npos) << lines[3];
}

TEST_F(BaseImagesTest, PrefetchLeavesResolvedPairsAndBadNamesAlone) {
  auto store = FreshStore("root");
  RecordingSink sink;
  BaseImages images(hosts_, store, sink);
  ASSERT_TRUE(images.Resolve(name_, P("linux/amd64")));
  images.Prefetch(name_, {P("linux/amd64"), P("linux/arm64")});
  images.Prefetch("Not A Valid Name!", {P("linux/amd64"), P("linux/arm64")});
  ASSERT_TRUE(images.Resolve(name_, P("linux/arm64")));
  EXPECT_EQ(sink.lines().size(), 4u);
  EXPECT_FALSE(images.Resolve("Not A Valid Name!", P("linux/amd64")));
}

}  // namespace
}  // namespace manifold::builder
