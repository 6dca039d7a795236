// Apply's bounds: bytes at declared sizes (sparse holes included) and entries, checked early.
#include <gtest/gtest.h>

#include "snapshot/apply.hpp"
#include "snapshot/apply_test_support.hpp"

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

}  // namespace
}  // namespace manifold::snapshot
