// Apply's bounds: bytes at declared sizes (sparse holes included) and entries, checked early.
#include <gtest/gtest.h>

#include "snapshot/apply.hpp"
#include "snapshot/apply_test_support.hpp"
#include "snapshot/tar_writer.hpp"

namespace manifold::snapshot {
namespace {

using test::ApplyFile;
using test::MakeTar;
using test::Shell;
namespace fs = std::filesystem;

class ApplyLimitsTest : public ::testing::Test {
 protected:
  util::Result<ApplyStats> Run(const std::string& body, const ApplyOptions& options) {
    fs::path tar = s_.tars() / "layer.tar";
    MakeTar(tar, body);
    return ApplyFile(tar, s_.root(), options);
  }
  void TearDown() override { EXPECT_TRUE(s_.Untouched()); }
  test::Sentinel s_;
};

TEST_F(ApplyLimitsTest, BytesAreCountedAcrossFiles) {
  ApplyOptions options;
  options.max_bytes = 2500;
  options.limit_hint = "raise it with X=<size>";
  auto ok = Run("for i in range(2): f('f%d' % i, 'x' * 1000)\n", options);
  ASSERT_TRUE(ok) << ok.error().What();
  EXPECT_EQ(ok->declared_bytes, 2000u);
  auto over = Run("for i in range(3): f('g%d' % i, 'x' * 1000)\n", options);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().kind(), util::ErrorKind::kInvalidArgument);
  const std::string what = over.error().What();
  EXPECT_NE(what.find("archive entry \"g2\""), std::string::npos) << what;
  EXPECT_NE(what.find("more than 2500 bytes;"), std::string::npos) << what;
  EXPECT_NE(what.find("raise it with X=<size>"), std::string::npos) << what;
  EXPECT_FALSE(fs::exists(s_.root() / "g2")) << "refused before it is created";
}

TEST_F(ApplyLimitsTest, SparseHolesCount) {
  testing::TempDir tmp;
  fs::path sparse = tmp / "sparse";
  ASSERT_TRUE(Shell(fmt::format("truncate -s 1T {} && tar -C {} --sparse -cf {} sparse", sparse.string(),
                                tmp.path().string(), (s_.tars() / "sparse.tar").string())));
  ApplyOptions options;
  options.max_bytes = 1ULL << 30;
  auto r = ApplyFile(s_.tars() / "sparse.tar", s_.root(), options);
  ASSERT_FALSE(r) << "a terabyte of holes passed a 1 GiB bound";
  EXPECT_NE(r.error().What().find("more than 1.0 GiB"), std::string::npos) << r.error().What();
  EXPECT_FALSE(fs::exists(s_.root() / "sparse"));
}

TEST_F(ApplyLimitsTest, EntriesOfAnyTypeCount) {
  ApplyOptions options;
  options.max_entries = 3;
  EXPECT_TRUE(Run("d('a'); f('a/b'); sym('c', 'a')\n", options));
  auto over = Run("d('x'); d('x/y'); sym('z', 'x'); hard('w', 'a/b')\n", options);
  ASSERT_FALSE(over);
  EXPECT_NE(over.error().What().find("more than 3 entries"), std::string::npos) << over.error().What();
  EXPECT_NE(over.error().What().find("\"w\""), std::string::npos) << over.error().What();
}

TEST_F(ApplyLimitsTest, ZeroMeansUnbounded) {
  auto r = Run("for i in range(50): f('f%d' % i, 'x' * 100)\n", ApplyOptions{});
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(r->entries, 50u);
  EXPECT_EQ(r->declared_bytes, 5000u);
}

// 100k entries (an ADD of such a tar took 35 s): all there, each counted once; a bound equal to
// the count lets it through. The tar is written in-process (python would take 8 s).
TEST(ApplyManyEntries, HundredThousandEntries) {
  testing::TempDir tmp;
  fs::create_directories(tmp / "root");
  {
    util::UniqueFd out(::open((tmp / "many.tar").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    ASSERT_TRUE(out.valid());
    content::FdSink sink(out.get());
    TarWriter tar(sink);
    for (int d = 0; d < 100; ++d) {
      content::TarEntry dir;
      dir.path = fmt::format("d{}", d);
      dir.type = content::TarEntryType::kDirectory;
      dir.mode = 0755;
      ASSERT_TRUE(tar.Add(dir));
    }
    for (int i = 0; i < 100'000; ++i) {
      content::TarEntry file;
      file.path = fmt::format("d{}/file{}", i % 100, i);
      std::string data = std::to_string(i);
      file.size = static_cast<int64_t>(data.size());
      ASSERT_TRUE(tar.AddData(file, data));
    }
    ASSERT_TRUE(tar.Finish());
  }
  ApplyOptions options;
  options.whiteouts = WhiteoutMode::kLiteral;
  options.max_entries = 100'100;
  auto r = ApplyFile(tmp / "many.tar", tmp / "root", options);
  ASSERT_TRUE(r) << r.error().What();
  EXPECT_EQ(r->entries, 100'100u);
  EXPECT_EQ(r->files, 100'000u);
  EXPECT_EQ(r->dirs, 100u);
  size_t found = 0;
  for (auto it = fs::recursive_directory_iterator(tmp / "root"); it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_regular_file()) ++found;
  }
  EXPECT_EQ(found, 100'000u);
  EXPECT_EQ(*util::ReadFile(tmp / "root/d42/file99942"), "99942");
}

}  // namespace
}  // namespace manifold::snapshot
