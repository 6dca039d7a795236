// Inline cache: records ⇄ the image config field, through ImageConfig::extra, and bad fields.
#include <gtest/gtest.h>

#include "cache/remote_cache.hpp"
#include "cache/remote_cache_test_support.hpp"
#include "image/config.hpp"
#include "image/json_canonical.hpp"
#include "support/temp_dir.hpp"

namespace manifold::cache {
namespace {

using test::MakeLayer;
using test::Record;
using Json = nlohmann::json;

class InlineCache : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = content::Store::Open(dir_.path());
    ASSERT_TRUE(store);
    store_.emplace(std::move(*store));
    for (int i = 0; i < 3; ++i) image_.push_back(MakeLayer(*store_, fmt::format("image layer {}", i)));
    builder_stage_ = MakeLayer(*store_, "a layer of another stage");
    for (const auto& l : image_) {
      layers_.push_back(l.descriptor);
      diff_ids_.push_back(l.diff_id);
    }
  }

  // The image config as the exporter would write it, with the field set through extra.
  Json ConfigWith(const Json& field) const {
    image::ImageConfig config;
    config.platform.os = "linux";
    config.platform.architecture = "amd64";
    config.diff_ids = diff_ids_;
    config.extra[std::string(kInlineCacheField)] = field;
    auto json = image::ParseJson(image::SerializeConfig(config), "config");
    EXPECT_TRUE(json);
    return *json;
  }

  testing::TempDir dir_;
  std::optional<content::Store> store_;
  std::vector<content::LayerResult> image_;
  content::LayerResult builder_stage_;
  std::vector<image::Descriptor> layers_;
  std::vector<image::Digest> diff_ids_;
};

TEST_F(InlineCache, RoundTripKeepsTheImagesOwnRecordsOnly) {
  std::vector<PortableRecord> records = {
      Record("from", {image_[0]}),
      Record("run", {image_[0], std::nullopt, image_[1]}),
      Record("last", {image_[0], std::nullopt, image_[1], image_[2]}),
      Record("builder stage", {image_[0], builder_stage_}),  // not restorable from this image
      Record("workdir", {std::nullopt}),
  };
  Json field = InlineCacheField(records, layers_);
  ASSERT_EQ(field["records"].size(), 4u) << field.dump();
  EXPECT_EQ(field["uncompressedSizes"].size(), 3u);

  auto back = RecordsFromInline(ConfigWith(field), layers_, diff_ids_);
  ASSERT_TRUE(back) << back.error().What();
  records.erase(records.begin() + 3);
  EXPECT_EQ(*back, test::Sorted(records));

  // Deterministic: input order and duplicates do not matter.
  std::vector<PortableRecord> shuffled(records.rbegin(), records.rend());
  shuffled.push_back(records[1]);
  EXPECT_EQ(image::CanonicalJson(InlineCacheField(shuffled, layers_)), image::CanonicalJson(field));
}

TEST_F(InlineCache, IndexesAreImageLayerPositions) {
  Json field = InlineCacheField({Record("run", {image_[0], std::nullopt, image_[2]})}, layers_);
  EXPECT_EQ(field["records"][0]["chain"], Json::array({0, -1, 2}));
  EXPECT_EQ(field["records"][0]["key"], image::Digest::OfBytes("run").str());
}

TEST_F(InlineCache, ConfigWithoutTheFieldHasNoRecords) {
  Json config = {{"architecture", "amd64"}, {"os", "linux"}, {"rootfs", {{"type", "layers"}, {"diff_ids", Json::array()}}}};
  auto none = RecordsFromInline(config, layers_, diff_ids_);
  ASSERT_TRUE(none) << none.error().What();
  EXPECT_TRUE(none->empty());
}

TEST_F(InlineCache, BadFieldsGiveErrorsNamingThePlace) {
  struct Case {
    Json field;
    std::string says;
  };
  auto field = [](Json records, Json sizes = nullptr) {
    Json f = Json::object();
    f["records"] = std::move(records);
    if (!sizes.is_null()) f["uncompressedSizes"] = std::move(sizes);
    return f;
  };
  auto one = [](Json record) { return Json::array({std::move(record)}); };
  const std::vector<Case> cases = {
      {Json::array(), "manifold.cache.v0 must be an object"},
      {Json::object(), "manifold.cache.v0.records is missing"},
      {field(Json::object()), "manifold.cache.v0.records must be an array"},
      {field(one(Json{{"key", "k"}, {"chain", Json::array({3})}})), "manifold.cache.v0.records[0].chain[0] is 3"},
      {field(one(Json{{"key", "k"}, {"chain", Json::array({-7})}})), "records[0].chain[0] is -7"},
      {field(one(Json{{"key", "k"}, {"extra", 1}})), "records[0].chain is missing"},
      {field(one(Json{{"chain", Json::array({0})}, {"extra", 1}})), "records[0].key is missing"},
      {field(Json::array(), Json::array({1, 2})), "uncompressedSizes must be an array of 3 sizes"},
      {field(Json::array(), Json::array({1, -2, 3})), "uncompressedSizes[1] must be a non-negative"},
  };
  for (const Case& c : cases) {
    auto got = RecordsFromInline(ConfigWith(c.field), layers_, diff_ids_);
    ASSERT_FALSE(got) << c.field.dump();
    EXPECT_EQ(got.error().kind(), util::ErrorKind::kInvalidArgument);
    EXPECT_NE(got.error().What().find(c.says), std::string::npos) << c.field.dump() << " → " << got.error().What();
  }
  auto mismatch = RecordsFromInline(ConfigWith(InlineCacheField({}, layers_)), layers_, {diff_ids_[0]});
  ASSERT_FALSE(mismatch);
  EXPECT_NE(mismatch.error().What().find("3 layers but its config 1 diff_ids"), std::string::npos)
      << mismatch.error().What();
  auto not_object = RecordsFromInline(Json::array(), layers_, diff_ids_);
  ASSERT_FALSE(not_object);
}

}  // namespace
}  // namespace manifold::cache
