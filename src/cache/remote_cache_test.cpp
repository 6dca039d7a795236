// Local cache export/import: round trips into a fresh store, atomic replacement, and hostile
// cache layouts that must give clear errors.
#include "cache/remote_cache.hpp"

#include <gtest/gtest.h>

#include "cache/internal/cache_manifest.hpp"
#include "cache/remote_cache_test_support.hpp"
#include "content/oci_layout.hpp"
#include "image/descriptor_json.hpp"
#include "image/manifest.hpp"
#include "image/media_types.hpp"
#include "support/temp_dir.hpp"
#include "util/temp_file.hpp"

namespace manifold::cache {
namespace {

using test::MakeLayer;
using test::Record;

class LocalCache : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = content::Store::Open(dir_ / "root");
    ASSERT_TRUE(store);
    store_.emplace(std::move(*store));
    auto fresh = content::Store::Open(dir_ / "fresh");
    ASSERT_TRUE(fresh);
    fresh_.emplace(std::move(*fresh));
    a_ = MakeLayer(*store_, "layer a: " + std::string(5000, 'a'));
    b_ = MakeLayer(*store_, "layer b", content::Compression::kZstd);
    c_ = MakeLayer(*store_, "layer c", content::Compression::kUncompressed);
  }

  std::vector<PortableRecord> SampleRecords() const {
    return {Record("run make", {a_, std::nullopt, b_}), Record("from", {a_}), Record("env only", {std::nullopt}),
            Record("copy", {a_, std::nullopt, b_, c_}), Record("no steps", {})};
  }

  testing::TempDir dir_;
  std::optional<content::Store> store_;
  std::optional<content::Store> fresh_;
  content::LayerResult a_, b_, c_;
};

TEST_F(LocalCache, RoundTripIntoAFreshStore) {
  std::filesystem::path cache = dir_ / "cache";
  auto records = SampleRecords();
  auto exported = ExportLocal(*store_, records, cache);
  ASSERT_TRUE(exported) << exported.error().Describe();
  EXPECT_TRUE(std::filesystem::exists(cache / "oci-layout"));

  auto imported = ImportLocal(*fresh_, cache);
  ASSERT_TRUE(imported) << imported.error().Describe();
  EXPECT_EQ(*imported, test::Sorted(records));  // keys, layers, diffIDs, sizes, empty steps
  for (const auto& layer : {a_, b_, c_}) {
    auto original = store_->Read(layer.descriptor.digest);
    auto copied = fresh_->Read(layer.descriptor.digest);
    ASSERT_TRUE(copied) << copied.error().What();
    EXPECT_EQ(*copied, *original);
  }
  // Sanity of the assertion above: an empty step is still there as an empty step.
  ASSERT_EQ(imported->size(), 5u);
  const PortableRecord& env_only = *std::find_if(imported->begin(), imported->end(), [](const PortableRecord& r) {
    return r.key == image::Digest::OfBytes("env only").str();
  });
  ASSERT_EQ(env_only.chain.size(), 1u);
  EXPECT_FALSE(env_only.chain[0].has_value());
}

TEST_F(LocalCache, LayoutIsAnOciImageManifestTaggedLatestAndDeterministic) {
  auto records = SampleRecords();
  ASSERT_TRUE(ExportLocal(*store_, records, dir_ / "one"));
  std::reverse(records.begin(), records.end());
  records.push_back(records.front());  // a duplicate is merged
  ASSERT_TRUE(ExportLocal(*store_, records, dir_ / "two"));
  EXPECT_EQ(test::Snapshot(dir_ / "one"), test::Snapshot(dir_ / "two"));

  auto index = util::ReadFile(dir_ / "one/index.json");
  ASSERT_TRUE(index);
  auto json = nlohmann::json::parse(*index);
  ASSERT_EQ(json["manifests"].size(), 1u);
  EXPECT_EQ(json["manifests"][0]["mediaType"], image::media_type::kOciManifest);
  EXPECT_EQ(json["manifests"][0]["annotations"][std::string(content::kRefNameAnnotation)], "latest");
  auto manifest_digest = image::Digest::Parse(json["manifests"][0]["digest"].get<std::string>());
  ASSERT_TRUE(manifest_digest);
  auto manifest_bytes = util::ReadFile(dir_ / "one/blobs/sha256" / std::string(manifest_digest->hex()));
  ASSERT_TRUE(manifest_bytes);
  auto manifest = image::ParseManifest(*manifest_bytes);
  ASSERT_TRUE(manifest) << manifest.error().What();
  EXPECT_EQ(manifest->config.media_type, kCacheConfigMediaType);
  ASSERT_EQ(manifest->layers.size(), 3u);  // each distinct layer once, sorted by digest
  EXPECT_LT(manifest->layers[0].digest, manifest->layers[1].digest);
  EXPECT_LT(manifest->layers[1].digest, manifest->layers[2].digest);
  auto config = util::ReadFile(dir_ / "one/blobs/sha256" / std::string(manifest->config.digest.hex()));
  ASSERT_TRUE(config);
  auto config_json = nlohmann::json::parse(*config);
  ASSERT_EQ(config_json["records"].size(), 5u);
  EXPECT_LT(config_json["records"][0]["key"].get<std::string>(), config_json["records"][1]["key"].get<std::string>());
  EXPECT_EQ(config_json["layers"][0]["diffID"].get<std::string>().substr(0, 7), "sha256:");
}

TEST_F(LocalCache, FailedExportLeavesThePreviousCacheIntact) {
  std::filesystem::path cache = dir_ / "cache";
  ASSERT_TRUE(ExportLocal(*store_, SampleRecords(), cache));
  auto before = test::Snapshot(cache);

  auto other = content::Store::Open(dir_ / "other");
  ASSERT_TRUE(other);
  content::LayerResult absent = MakeLayer(*other, "only in another store");
  auto records = SampleRecords();
  records.push_back(Record("missing", {a_, absent}));
  auto failed = ExportLocal(*store_, records, cache);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().kind(), util::ErrorKind::kNotFound);
  std::string what = failed.error().What();
  EXPECT_NE(what.find(absent.descriptor.digest.str()), std::string::npos) << what;
  EXPECT_NE(what.find(image::Digest::OfBytes("missing").str()), std::string::npos) << what;
  EXPECT_NE(what.find(cache.string()), std::string::npos) << what;
  EXPECT_EQ(test::Snapshot(cache), before);

  // Records disagreeing about one layer are refused, also without touching the cache.
  content::LayerResult liar = a_;
  liar.diff_id = image::Digest::OfBytes("not the tar");
  auto conflicting = ExportLocal(*store_, {Record("x", {a_}), Record("y", {liar})}, cache);
  ASSERT_FALSE(conflicting);
  EXPECT_NE(conflicting.error().What().find("disagree about layer"), std::string::npos) << conflicting.error().What();
  EXPECT_EQ(test::Snapshot(cache), before);

  // A good export replaces the old cache whole.
  ASSERT_TRUE(ExportLocal(*store_, {Record("only", {c_})}, cache));
  auto now = ImportLocal(*fresh_, cache);
  ASSERT_TRUE(now) << now.error().What();
  EXPECT_EQ(*now, std::vector<PortableRecord>{Record("only", {c_})});
  EXPECT_FALSE(std::filesystem::exists(cache / "blobs/sha256" / std::string(a_.descriptor.digest.hex())));
}

TEST_F(LocalCache, ExportRefusesADirectoryThatIsNotALayout) {
  std::filesystem::path cache = dir_ / "precious";
  std::filesystem::create_directories(cache);
  ASSERT_TRUE(util::WriteFileAtomic(cache / "notes.txt", "mine"));
  auto exported = ExportLocal(*store_, SampleRecords(), cache);
  ASSERT_FALSE(exported);
  EXPECT_EQ(exported.error().kind(), util::ErrorKind::kConflict) << exported.error().What();
  EXPECT_EQ(test::Snapshot(cache), (std::map<std::string, std::string>{{"notes.txt", "mine"}}));
}

TEST_F(LocalCache, ImportOfNothingIsNotFound) {
  auto imported = ImportLocal(*fresh_, dir_ / "never-exported");
  ASSERT_FALSE(imported);
  EXPECT_EQ(imported.error().kind(), util::ErrorKind::kNotFound);
  EXPECT_NE(imported.error().What().find("never-exported"), std::string::npos);
}

// A cache layout written by hand: `config` as the cache config of a manifest over `layers`.
class HostileCache : public LocalCache {
 protected:
  util::Result<std::vector<PortableRecord>> ImportWith(std::string_view config,
                                                       const std::vector<content::LayerResult>& layers,
                                                       std::string_view config_type = kCacheConfigMediaType) {
    image::Manifest manifest;
    auto put = store_->Put(config);
    EXPECT_TRUE(put);
    manifest.config = image::DescriptorOf(config_type, config);
    for (const auto& l : layers) manifest.layers.push_back(l.descriptor);
    std::string bytes = image::SerializeManifest(manifest);
    EXPECT_TRUE(store_->Put(bytes));
    image::Descriptor root = image::DescriptorOf(image::media_type::kOciManifest, bytes);
    root.annotations[std::string(content::kRefNameAnnotation)] = "latest";
    std::filesystem::path cache = dir_ / fmt::format("hostile-{}", counter_++);
    auto written = content::WriteLayoutDir(*store_, std::span(&root, 1), cache);
    EXPECT_TRUE(written) << written.error().What();
    return ImportLocal(*fresh_, cache);
  }

  std::string LayerJson(const content::LayerResult& l) const {
    return fmt::format(R"({{"digest":"{}","diffID":"{}","size":{},"mediaType":"{}","uncompressedSize":{}}})",
                       l.descriptor.digest.str(), l.diff_id.str(), l.descriptor.size, l.descriptor.media_type,
                       l.uncompressed_size);
  }

  int counter_ = 0;
};

TEST_F(HostileCache, GoodHandWrittenConfigIsRead) {
  auto got = ImportWith(fmt::format(R"({{"layers":[{}],"records":[{{"key":"k","chain":[0,-1,0]}}]}})", LayerJson(a_)), {a_});
  ASSERT_TRUE(got) << got.error().What();
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].chain, (std::vector<std::optional<content::LayerResult>>{a_, std::nullopt, a_}));
}

TEST_F(HostileCache, CorruptConfigsGiveErrorsNamingTheField) {
  std::string la = LayerJson(a_);
  struct Case {
    std::string config;
    std::vector<content::LayerResult> manifest_layers;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"{", {}, "cache config"},
      {"[]", {}, "must be a JSON object"},
      {R"({"records":[]})", {}, "layers is missing"},
      {R"({"layers":[]})", {}, "records is missing"},
      {R"({"layers":{},"records":[]})", {}, "layers must be an array"},
      {R"({"layers":[],"records":[{"key":"k","chain":[0]}]})", {}, "records[0].chain[0] is 0"},
      {fmt::format(R"({{"layers":[{}],"records":[{{"key":"k","chain":[1]}}]}})", la), {a_}, "records[0].chain[0] is 1"},
      {fmt::format(R"({{"layers":[{}],"records":[{{"key":"k","chain":[-2]}}]}})", la), {a_}, "records[0].chain[0] is -2"},
      {fmt::format(R"({{"layers":[{}],"records":[{{"key":"k","chain":[0.5]}}]}})", la), {a_}, "chain[0] is 0.5"},
      {fmt::format(R"({{"layers":[{}],"records":[{{"key":"k","chain":["0"]}}]}})", la), {a_}, "chain[0] is \"0\""},
      {fmt::format(R"({{"layers":[{}],"records":[{{"key":"k","chain":[18446744073709551615]}}]}})", la), {a_}, "chain[0] is 18446744073709551615"},
      {fmt::format(R"({{"layers":[{}],"records":[{{"chain":[0]}}]}})", la), {a_}, "records[0].key is missing"},
      {fmt::format(R"({{"layers":[{}],"records":[{{"key":"","chain":[0]}}]}})", la), {a_}, "records[0].key is empty"},
      {fmt::format(R"({{"layers":[{}],"records":[{{"key":7,"chain":[0]}}]}})", la), {a_}, "records[0].key must be a string"},
      {fmt::format(R"({{"layers":[{}],"records":[{{"key":"k","chain":{{}}}}]}})", la), {a_}, "records[0].chain must be an array"},
      {fmt::format(R"({{"layers":[{}],"records":[{{"key":"k","chain":[0]}}]}})", la), {b_}, "is not among the cache manifest's layers"},
      {fmt::format(R"({{"layers":[{},{}],"records":[]}})", la, la), {a_}, "layers[1] repeats layers[0]"},
      {R"({"layers":[{"digest":"sha256:nothex"}],"records":[]})", {}, "layers[0].digest"},
      {fmt::format(R"({{"layers":[{{"digest":"{}","size":1}}],"records":[]}})", a_.descriptor.digest.str()), {a_}, "layers[0].diffID is missing"},
      {fmt::format(R"({{"layers":[{{"digest":"{}","diffID":"{}","size":-1,"mediaType":"x","uncompressedSize":0}}],"records":[]}})",
                   a_.descriptor.digest.str(), a_.diff_id.str()),
       {a_}, "layers[0].size must be a non-negative integer"},
      {fmt::format(R"({{"layers":[{{"digest":"{}","diffID":"{}","size":{},"mediaType":"text/plain","uncompressedSize":0}}],"records":[]}})",
                   a_.descriptor.digest.str(), a_.diff_id.str(), a_.descriptor.size),
       {a_}, "layers[0].mediaType \"text/plain\" is not a layer media type"},
      {fmt::format(R"({{"layers":[{{"digest":"{}","diffID":"{}","size":{},"mediaType":"{}","uncompressedSize":0}}],"records":[]}})",
                   a_.descriptor.digest.str(), a_.diff_id.str(), a_.descriptor.size + 1, a_.descriptor.media_type),
       {a_}, "but the manifest says"},
  };
  for (const Case& c : cases) {
    auto got = ImportWith(c.config, c.manifest_layers);
    ASSERT_FALSE(got) << c.config;
    EXPECT_EQ(got.error().kind(), util::ErrorKind::kInvalidArgument) << c.config << " → " << got.error().What();
    std::string what = got.error().What();
    EXPECT_NE(what.find(c.says), std::string::npos) << c.config << " → " << what;
    EXPECT_NE(what.find("importing cache from"), std::string::npos) << what;
  }
}

TEST_F(HostileCache, AnImageLayoutIsNotACache) {
  auto got = ImportWith(R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})", {},
                        image::media_type::kOciConfig);
  ASSERT_FALSE(got);
  std::string what = got.error().What();
  EXPECT_NE(what.find("is not a manifold cache"), std::string::npos) << what;
  EXPECT_NE(what.find(std::string(image::media_type::kOciConfig)), std::string::npos) << what;
}

}  // namespace
}  // namespace manifold::cache
