// Registry cache export/import against a real docker-registry on 127.0.0.1: cache manifests,
// inline cache in an image and in an index, and what skopeo sees.
#include <gtest/gtest.h>

#include <cstdio>

#include "cache/remote_cache.hpp"
#include "cache/remote_cache_test_support.hpp"
#include "image/config.hpp"
#include "image/descriptor_json.hpp"
#include "image/index.hpp"
#include "image/json_canonical.hpp"
#include "image/manifest.hpp"
#include "image/media_types.hpp"
#include "registry/hosts.hpp"
#include "registry/push.hpp"
#include "support/registry_suite.hpp"
#include "support/temp_dir.hpp"

namespace manifold::cache {
namespace {

using test::MakeLayer;
using test::Record;

// Runs a command; its stdout, or nullopt when it fails.
std::optional<std::string> RunCommand(const std::string& command) {
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return std::nullopt;
  std::string out;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof(buf), p)) > 0;) out.append(buf, n);
  if (::pclose(p) != 0) return std::nullopt;
  return out;
}

class RegistryCache : public testing::RegistrySuite {
 protected:
  void SetUp() override {
    RegistrySuite::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto store = content::Store::Open(dir_ / "root");
    ASSERT_TRUE(store);
    store_.emplace(std::move(*store));
    auto fresh = content::Store::Open(dir_ / "fresh");
    ASSERT_TRUE(fresh);
    fresh_.emplace(std::move(*fresh));
    a_ = MakeLayer(*store_, "base layer " + std::string(100000, 'x'));
    b_ = MakeLayer(*store_, "run layer", content::Compression::kZstd);
    builder_ = MakeLayer(*store_, "builder stage layer");
  }

  registry::Repository Repo(std::string_view path) const { return hosts_->RepositoryFor(registry().host(), path); }

  // Pushes an image over `layers` whose config carries `records` inline; returns its manifest.
  image::Descriptor PushImage(const registry::Repository& repo, const std::vector<content::LayerResult>& layers,
                              const std::vector<PortableRecord>& records, std::string_view tag) {
    image::ImageConfig config;
    config.platform.os = "linux";
    config.platform.architecture = "amd64";
    image::Manifest manifest;
    for (const auto& l : layers) {
      config.diff_ids.push_back(l.diff_id);
      manifest.layers.push_back(l.descriptor);
    }
    config.extra[std::string(kInlineCacheField)] = InlineCacheField(records, manifest.layers);
    std::string config_bytes = image::SerializeConfig(config);
    EXPECT_TRUE(store_->Put(config_bytes));
    manifest.config = image::DescriptorOf(image::media_type::kOciConfig, config_bytes);
    std::string manifest_bytes = image::SerializeManifest(manifest);
    EXPECT_TRUE(store_->Put(manifest_bytes));
    image::Descriptor root = image::DescriptorOf(image::media_type::kOciManifest, manifest_bytes);
    auto pushed = registry::PushImage(repo, *store_, root, {std::string(tag)});
    EXPECT_TRUE(pushed) << pushed.error().Describe();
    return root;
  }

  std::optional<content::Store> store_;
  std::optional<content::Store> fresh_;
  content::LayerResult a_, b_, builder_;
};

TEST_F(RegistryCache, CacheManifestRoundTripIntoAFreshStore) {
  auto repo = Repo("test/cache");
  std::vector<PortableRecord> records = {Record("from", {a_}), Record("run", {a_, std::nullopt, b_}),
                                         Record("builder", {builder_}), Record("env", {std::nullopt})};
  auto exported = ExportRegistry(*store_, records, repo, "buildcache");
  ASSERT_TRUE(exported) << exported.error().Describe();

  auto imported = ImportRegistry(*fresh_, repo, "buildcache");
  ASSERT_TRUE(imported) << imported.error().Describe();
  EXPECT_EQ(*imported, test::Sorted(records));
  for (const auto& layer : {a_, b_, builder_}) {
    auto copied = fresh_->Read(layer.descriptor.digest);
    ASSERT_TRUE(copied) << copied.error().What();
    EXPECT_EQ(*copied, *store_->Read(layer.descriptor.digest));
  }

  // What any registry client sees: an OCI image manifest with the cache config type.
  if (std::system("command -v skopeo >/dev/null 2>&1") != 0) GTEST_SKIP() << "no skopeo";
  auto raw = RunCommand(fmt::format("skopeo inspect --raw --tls-verify=false docker://{}/test/cache:buildcache 2>/dev/null",
                             registry().host()));
  ASSERT_TRUE(raw) << "skopeo could not read the cache manifest";
  auto manifest = image::ParseManifest(*raw);
  ASSERT_TRUE(manifest) << manifest.error().What() << "\n" << *raw;
  EXPECT_EQ(manifest->media_type, image::media_type::kOciManifest);
  EXPECT_EQ(manifest->config.media_type, kCacheConfigMediaType);
  EXPECT_EQ(manifest->layers.size(), 3u);
}

TEST_F(RegistryCache, ReExportMovesTheTagAndAnUnknownTagIsNotFound) {
  auto repo = Repo("test/cache-again");
  ASSERT_TRUE(ExportRegistry(*store_, {Record("one", {a_})}, repo, "c"));
  ASSERT_TRUE(ExportRegistry(*store_, {Record("two", {b_})}, repo, "c"));
  auto imported = ImportRegistry(*fresh_, repo, "c");
  ASSERT_TRUE(imported) << imported.error().Describe();
  EXPECT_EQ(*imported, std::vector<PortableRecord>{Record("two", {b_})});
  EXPECT_FALSE(fresh_->Has(a_.descriptor.digest)) << "only the layers the records use are downloaded";

  auto missing = ImportRegistry(*fresh_, repo, "never-pushed");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind(), util::ErrorKind::kNotFound);
  EXPECT_NE(missing.error().What().find("never-pushed"), std::string::npos) << missing.error().What();
}

TEST_F(RegistryCache, ExportWithAMissingBlobPushesNothing) {
  auto repo = Repo("test/cache-missing");
  auto other = content::Store::Open(dir_ / "other");
  ASSERT_TRUE(other);
  auto absent = MakeLayer(*other, "not in the exporting store");
  auto failed = ExportRegistry(*store_, {Record("ok", {a_}), Record("bad", {absent})}, repo, "c");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().kind(), util::ErrorKind::kNotFound);
  EXPECT_NE(failed.error().What().find(absent.descriptor.digest.str()), std::string::npos);
  auto head = repo.HeadManifest("c");
  ASSERT_TRUE(head) << head.error().What();
  EXPECT_FALSE(head->has_value());
}

TEST_F(RegistryCache, InlineCacheOfAnImageAndOfAnIndex) {
  auto repo = Repo("test/inline");
  std::vector<PortableRecord> records = {Record("from", {a_}), Record("run", {a_, std::nullopt, b_}),
                                         Record("builder", {builder_})};
  image::Descriptor image = PushImage(repo, {a_, b_}, records, "img");

  auto imported = ImportRegistry(*fresh_, repo, "img");
  ASSERT_TRUE(imported) << imported.error().Describe();
  // The builder stage's layer is not in the image: its record cannot travel inline.
  EXPECT_EQ(*imported, test::Sorted({records[0], records[1]}));
  EXPECT_TRUE(fresh_->Has(a_.descriptor.digest));
  EXPECT_TRUE(fresh_->Has(b_.descriptor.digest));

  // A multi-platform image: the records of every image in the index (attestations skipped).
  image::Descriptor second = PushImage(repo, {a_}, {Record("arm from", {a_})}, "img-arm");
  image::Index index;
  image.platform = image::Platform{};
  image.platform->os = "linux";
  image.platform->architecture = "amd64";
  second.platform = image::Platform{};
  second.platform->os = "linux";
  second.platform->architecture = "arm64";
  index.manifests = {image, second};
  std::string index_bytes = image::SerializeIndex(index);
  ASSERT_TRUE(repo.PutManifest("multi", image::media_type::kOciIndex, index_bytes));
  testing::TempDir other_dir;
  auto other = content::Store::Open(other_dir.path());
  ASSERT_TRUE(other);
  auto from_index = ImportRegistry(*other, repo, "multi");
  ASSERT_TRUE(from_index) << from_index.error().Describe();
  EXPECT_EQ(*from_index, test::Sorted({records[0], records[1], Record("arm from", {a_})}));

  // An image without inline cache gives no records, and no error.
  image::Descriptor plain = PushImage(repo, {a_}, {}, "plain");
  auto none = ImportRegistry(*other, repo, "plain");
  ASSERT_TRUE(none) << none.error().Describe();
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace manifold::cache
