// Memory bound of the layer path: a 2 GiB mostly-sparse file through tree → tar → gzip layer.
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <random>

#include "content/layer_writer.hpp"
#include "snapshot/tar_tree.hpp"
#include "support/temp_dir.hpp"
#include "util/unique_fd.hpp"

namespace manifold::snapshot {
namespace {

// A field of /proc/self/status in KiB ("VmRSS", "VmHWM"); -1 if absent.
int64_t StatusKib(std::string_view field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(field) && line.size() > field.size() && line[field.size()] == ':') {
      return std::stoll(line.substr(field.size() + 1));
    }
  }
  return -1;
}

class CountingSink final : public content::ByteSink {
 public:
  util::Status Write(std::string_view data) override {
    bytes += static_cast<int64_t>(data.size());
    return {};
  }
  int64_t bytes = 0;
};

TEST(TarMemoryTest, TwoGibLayerStaysUnder100MibOfPeakRss) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir / "tree");
  constexpr int64_t kSize = int64_t{2} << 30;
  {
    util::UniqueFd fd(::open((dir / "tree/sparse.img").c_str(), O_WRONLY | O_CREAT, 0644));
    ASSERT_TRUE(fd);
    ASSERT_EQ(::ftruncate(fd.get(), kSize), 0);
    std::mt19937 rng(1);
    std::string random(1 << 20, '\0');
    for (char& c : random) c = static_cast<char>(rng());
    for (int64_t off : {int64_t{0}, int64_t{700} << 20, int64_t{1500} << 20, kSize - (1 << 20)}) {
      ASSERT_EQ(::pwrite(fd.get(), random.data(), random.size(), off),
                static_cast<ssize_t>(random.size()));
    }
  }
  // Reset the peak to the current RSS (Linux ≥ 4.0), so only this test's growth counts.
  bool reset = static_cast<bool>(std::ofstream("/proc/self/clear_refs") << "5");
  int64_t rss_before = StatusKib("VmRSS");
  ASSERT_GT(rss_before, 0);

  auto started = std::chrono::steady_clock::now();
  CountingSink sink;
  content::CompressorOptions options;
  auto layer = content::LayerWriter::Create(sink, options);
  ASSERT_TRUE(layer);
  TarWriter tar(**layer);
  ASSERT_TRUE(WriteTreeTar(dir / "tree", tar));
  ASSERT_TRUE(tar.Finish());
  auto result = (*layer)->Finish();
  ASSERT_TRUE(result);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  int64_t peak = StatusKib("VmHWM");
  EXPECT_GT(result->uncompressed_size, kSize);
  EXPECT_LT(result->descriptor.size, 8 << 20) << "zeros should compress";
  EXPECT_EQ(result->descriptor.size, sink.bytes);
  std::printf("2 GiB layer: %.1f s, RSS before %lld KiB, peak %lld KiB (peak reset: %s)\n",
              seconds, static_cast<long long>(rss_before), static_cast<long long>(peak),
              reset ? "yes" : "no");
  // Growth is what the layer path costs; sanitizer builds start from a larger base.
  EXPECT_LT(peak - rss_before, 100 * 1024) << "peak RSS grew by " << (peak - rss_before) << " KiB";
#if !defined(__SANITIZE_ADDRESS__)
  if (reset) EXPECT_LT(peak, 100 * 1024) << "peak RSS " << peak << " KiB";
#endif
}

}  // namespace
}  // namespace manifold::snapshot
