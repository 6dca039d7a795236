// Tests of LayoutTarHead: an archive begun with a layer teed into it has the bytes of one written
// whole afterwards, whatever the head ends up holding.
#include "content/layout_tar_head.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "content/layer_writer.hpp"
#include "content/oci_layout.hpp"
#include "content/tar_stream.hpp"
#include "image/media_types.hpp"
#include "support/temp_dir.hpp"

namespace manifold::content {
namespace {

using testing::TempDir;

std::string Slurp(const std::filesystem::path& path) { return util::ReadFile(path).value_or("<unreadable>"); }

std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(rng());
  return out;
}

// A layer of `data` (any bytes: the store does not look inside) through LayerWriter, teed when
// `tee` is given; `finish` false drops the writer half-way, as a failed step does.
std::optional<image::Descriptor> WriteLayer(const Store& store, std::string_view data,
                                            std::unique_ptr<ArchiveBlobTee> tee, bool finish = true) {
  CompressorOptions options;
  options.compression = Compression::kGzip;
  auto writer = LayerWriter::Create(store, options, std::move(tee));
  EXPECT_TRUE(writer) << writer.error().What();
  if (!writer) return std::nullopt;
  EXPECT_TRUE((*writer)->Write(data.substr(0, data.size() / 2)));
  if (!finish) return std::nullopt;
  EXPECT_TRUE((*writer)->Write(data.substr(data.size() / 2)));
  auto layer = (*writer)->Finish();
  EXPECT_TRUE(layer) << layer.error().What();
  if (!layer) return std::nullopt;
  return layer->descriptor;
}

// One linux/amd64 manifest over `layers`, with its config; returns the manifest's descriptor.
image::Descriptor ManifestOver(const Store& store, const std::vector<image::Descriptor>& layers) {
  namespace mt = image::media_type;
  nlohmann::json config = {{"architecture", "amd64"}, {"os", "linux"}, {"rootfs", {{"type", "layers"}}}};
  std::string config_bytes = config.dump();
  image::Digest config_digest = *store.Put(config_bytes);
  nlohmann::json manifest = {{"schemaVersion", 2}, {"mediaType", std::string(mt::kOciManifest)}};
  manifest["config"] = {{"mediaType", std::string(mt::kOciConfig)}, {"digest", config_digest.str()},
                        {"size", config_bytes.size()}};
  manifest["layers"] = nlohmann::json::array();
  for (const auto& l : layers) {
    manifest["layers"].push_back({{"mediaType", l.media_type}, {"digest", l.digest.str()}, {"size", l.size}});
  }
  std::string bytes = manifest.dump();
  image::Descriptor d;
  d.media_type = mt::kOciManifest;
  d.digest = *store.Put(bytes);
  d.size = static_cast<int64_t>(bytes.size());
  return d;
}

std::vector<std::string> EntryNames(const std::filesystem::path& tar) {
  util::UniqueFd fd(::open(tar.c_str(), O_RDONLY | O_CLOEXEC));
  auto reader = TarReader::Open(fd.get(), tar.string());
  std::vector<std::string> names;
  if (!reader) return names;
  while (auto entry = reader->Next()) {
    if (!*entry) break;
    names.push_back((*entry)->name);
  }
  return names;
}

class LayoutTarHeadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_.emplace(*Store::Open(dir_ / "root"));
    // Big enough to go past DirectWriter's first 8 MiB, where it switches to O_DIRECT.
    big_data_ = RandomBytes(12 << 20, 1);
    small_data_ = RandomBytes(70'000, 2);
  }

  // The archive of `layers`' image written with no head: what every head must reproduce.
  std::string Reference(const std::vector<image::Descriptor>& layers, std::optional<int64_t> epoch = std::nullopt) {
    std::vector<image::Descriptor> roots{ManifestOver(*store_, layers)};
    LayoutWriteOptions options;
    options.source_date_epoch = epoch;
    auto st = WriteLayoutTarFile(*store_, roots, dir_ / "reference.tar", options);
    EXPECT_TRUE(st) << st.error().What();
    return Slurp(dir_ / "reference.tar");
  }

  // The archive written through `head` (created for dest.tar).
  std::string ThroughHead(LayoutTarHead& head, const std::vector<image::Descriptor>& layers,
                          std::optional<int64_t> epoch = std::nullopt) {
    std::vector<image::Descriptor> roots{ManifestOver(*store_, layers)};
    LayoutWriteOptions options;
    options.source_date_epoch = epoch;
    options.head = &head;
    auto st = WriteLayoutTarFile(*store_, roots, dest(), options);
    EXPECT_TRUE(st) << st.error().What();
    return Slurp(dest());
  }

  std::filesystem::path dest() const { return dir_ / "dest.tar"; }

  // Nothing but the outputs in the directory: no head's temp file left behind.
  void ExpectNoTempFiles() {
    for (const auto& e : std::filesystem::directory_iterator(dir_.path())) {
      EXPECT_FALSE(e.path().filename().string().starts_with(".tmp-")) << e.path();
    }
  }

  TempDir dir_;
  std::optional<Store> store_;
  std::string big_data_;
  std::string small_data_;
};

TEST_F(LayoutTarHeadTest, HoldingTheLargestBlobContinuesToTheSameBytes) {
  auto head = *LayoutTarHead::Create(dest(), 0);
  auto big = WriteLayer(*store_, big_data_, head->Claim());
  ASSERT_TRUE(big);
  auto held = head->held();
  ASSERT_TRUE(held);
  EXPECT_EQ(held->digest, big->digest);
  EXPECT_EQ(held->size, big->size);
  EXPECT_EQ(held->end % 512, 0);
  auto small = WriteLayer(*store_, small_data_, nullptr);
  ASSERT_TRUE(small);
  std::vector<image::Descriptor> layers{*small, *big};
  std::string through = ThroughHead(*head, layers);
  std::string reference = Reference(layers);
  EXPECT_EQ(through.size(), reference.size());
  EXPECT_TRUE(through == reference) << "an archive continued after the head differs from one written whole";
  // The largest blob comes first, then the rest in digest order.
  auto names = EntryNames(dest());
  ASSERT_GE(names.size(), 5u);
  EXPECT_EQ(names[2], "blobs/sha256/" + std::string(big->digest.hex()));
  EXPECT_TRUE(std::is_sorted(names.begin() + 3, names.end() - 2));
  auto other = *Store::Open(dir_ / "other");
  auto read = ReadLayout(other, dest());
  ASSERT_TRUE(read) << read.error().What();
  EXPECT_TRUE(other.Verify(big->digest));
  ExpectNoTempFiles();
}

TEST_F(LayoutTarHeadTest, HoldingAnotherBlobStartsOver) {
  auto head = *LayoutTarHead::Create(dest(), 0);
  auto small = WriteLayer(*store_, small_data_, head->Claim());
  ASSERT_TRUE(small);
  ASSERT_TRUE(head->held());
  EXPECT_EQ(head->Claim(), nullptr) << "a second claim must not be given";
  auto big = WriteLayer(*store_, big_data_, nullptr);
  ASSERT_TRUE(big);
  std::vector<image::Descriptor> layers{*small, *big};
  EXPECT_TRUE(ThroughHead(*head, layers) == Reference(layers));
  ExpectNoTempFiles();
}

TEST_F(LayoutTarHeadTest, AnAbandonedTeeLeavesNothingUsable) {
  auto head = *LayoutTarHead::Create(dest(), 0);
  EXPECT_FALSE(WriteLayer(*store_, big_data_, head->Claim(), /*finish=*/false));
  EXPECT_FALSE(head->held());
  auto big = WriteLayer(*store_, big_data_, nullptr);
  ASSERT_TRUE(big);
  std::vector<image::Descriptor> layers{*big};
  EXPECT_TRUE(ThroughHead(*head, layers) == Reference(layers));
  ExpectNoTempFiles();
}

TEST_F(LayoutTarHeadTest, UnclaimedOrOtherEpochWritesWhole) {
  auto big = WriteLayer(*store_, big_data_, nullptr);
  ASSERT_TRUE(big);
  std::vector<image::Descriptor> layers{*big};
  {
    auto head = *LayoutTarHead::Create(dest(), 0);
    EXPECT_TRUE(ThroughHead(*head, layers) == Reference(layers));
  }
  {
    // Headers made for mtime 0 are not those of SOURCE_DATE_EPOCH's archive.
    auto head = *LayoutTarHead::Create(dest(), 0);
    auto again = WriteLayer(*store_, big_data_, head->Claim());
    ASSERT_TRUE(again);
    ASSERT_TRUE(head->held());
    EXPECT_TRUE(ThroughHead(*head, layers, 1700000000) == Reference(layers, 1700000000));
  }
  {
    auto head = *LayoutTarHead::Create(dest(), 1700000000);
    auto again = WriteLayer(*store_, big_data_, head->Claim());
    ASSERT_TRUE(again);
    EXPECT_TRUE(ThroughHead(*head, layers, 1700000000) == Reference(layers, 1700000000));
  }
  ExpectNoTempFiles();
}

TEST_F(LayoutTarHeadTest, DroppedHeadLeavesNothing) {
  {
    auto head = *LayoutTarHead::Create(dest(), 0);
    ASSERT_TRUE(WriteLayer(*store_, big_data_, head->Claim()));
  }
  EXPECT_FALSE(std::filesystem::exists(dest()));
  ExpectNoTempFiles();
}

}  // namespace
}  // namespace manifold::content
