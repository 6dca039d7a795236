// Context checksums: the batched, parallel walk gives the documented lines in walk order.
#include "worker/context_checksum.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "util/sha256.hpp"

namespace manifold::worker {
namespace {

namespace fs = std::filesystem;

std::string FileSha(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return "sha256:" + util::Sha256::Hex(data);
}

// The checksum as the header documents it, computed the plain way: one line per entry of a
// sorted depth-first walk, files with their content digest.
std::string Reference(const fs::path& root, const std::string& excluded_name) {
  util::Sha256 sum;
  sum.Update("selector \n");
  std::vector<std::string> stack{""};
  while (!stack.empty()) {
    std::string rel = stack.back();
    stack.pop_back();
    fs::path path = rel.empty() ? root : root / rel;
    struct stat st {};
    EXPECT_EQ(::lstat(path.c_str(), &st), 0);
    if (!rel.empty() && fs::path(rel).filename() == excluded_name) continue;
    if (S_ISDIR(st.st_mode)) {
      sum.Update(fmt::format("d {} {:o}\n", rel, st.st_mode & 07777));
      std::vector<std::string> names;
      for (const auto& e : fs::directory_iterator(path)) names.push_back(e.path().filename().string());
      std::sort(names.rbegin(), names.rend());
      for (const auto& n : names) stack.push_back(rel.empty() ? n : rel + "/" + n);
    } else if (S_ISREG(st.st_mode)) {
      sum.Update(fmt::format("f {} {:o} {} {}\n", rel, st.st_mode & 07777, st.st_size, FileSha(path)));
    } else if (S_ISLNK(st.st_mode)) {
      sum.Update(fmt::format("l {} {}\n", rel, fs::read_symlink(path).string()));
    }
  }
  return "sha256:" + sum.HexDigest();
}

class ContextChecksumTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // More entries than one batch holds, so batches and their order are exercised.
    for (int i = 0; i < 5000; ++i) {
      fs::path file = ctx() / fmt::format("d{:02}", i % 37) / fmt::format("f{:05}", i);
      fs::create_directories(file.parent_path());
      std::ofstream(file) << std::string(static_cast<size_t>(i % 300), static_cast<char>('a' + i % 26)) << i;
    }
    std::ofstream(ctx() / "big.bin") << std::string(3 << 20, 'x');
    std::ofstream(ctx() / "skip.me") << "excluded";
    fs::create_symlink("d01/f00001", ctx() / "link");
    ::chmod((ctx() / "d02" / "f00002").c_str(), 0755);
  }
  fs::path ctx() const { return dir_.path() / "ctx"; }
  ContextOutput Context() const {
    return ContextOutput(ctx(), [](std::string_view rel) { return fs::path(rel).filename() == "skip.me"; });
  }
  testing::TempDir dir_;
};

TEST_F(ContextChecksumTest, EqualsThePlainWalk) {
  ContextChecksums checksums(nullptr);
  auto sum = checksums.Checksum(Context(), ".");
  ASSERT_TRUE(sum) << sum.error().Describe();
  EXPECT_EQ(*sum, Reference(ctx(), "skip.me"));
}

TEST_F(ContextChecksumTest, ChangesWithOneFilesContent) {
  ContextChecksums checksums(nullptr);
  auto before = checksums.Checksum(Context(), ".");
  ASSERT_TRUE(before);
  std::ofstream(ctx() / "d13" / "f04994", std::ios::app) << "!";
  auto after = checksums.Checksum(Context(), ".");
  ASSERT_TRUE(after);
  EXPECT_NE(*before, *after);
  EXPECT_EQ(*after, Reference(ctx(), "skip.me"));
}

TEST_F(ContextChecksumTest, ExcludedFileDoesNotCount) {
  ContextChecksums checksums(nullptr);
  auto before = checksums.Checksum(Context(), ".");
  ASSERT_TRUE(before);
  std::ofstream(ctx() / "skip.me", std::ios::app) << "changed";
  auto after = checksums.Checksum(Context(), ".");
  ASSERT_TRUE(after);
  EXPECT_EQ(*before, *after);
}

TEST_F(ContextChecksumTest, FlushKeepsEveryNewDigest) {
  auto meta = cache::MetaStore::Open(dir_.path() / "root");
  ASSERT_TRUE(meta) << meta.error().Describe();
  ContextChecksums checksums(meta->get());
  ASSERT_TRUE(checksums.Checksum(Context(), "."));
  ASSERT_TRUE(checksums.Flush());
  auto kept = (*meta)->FileDigests(ctx());
  ASSERT_TRUE(kept) << kept.error().Describe();
  EXPECT_EQ(kept->size(), 5001u);  // the 5,000 files and big.bin; not skip.me (excluded) nor the symlink
  ASSERT_TRUE(kept->contains((ctx() / "big.bin").string()));
  EXPECT_EQ(kept->at((ctx() / "big.bin").string()).digest, FileSha(ctx() / "big.bin"));
}

TEST_F(ContextChecksumTest, AfterReleaseTheSameChecksumFromTheCache) {
  auto meta = cache::MetaStore::Open(dir_.path() / "root");
  ASSERT_TRUE(meta) << meta.error().Describe();
  ContextChecksums checksums(meta->get());
  auto before = checksums.Checksum(Context(), ".");
  ASSERT_TRUE(before);
  ASSERT_TRUE(checksums.FlushAndRelease());
  auto after = checksums.Checksum(Context(), ".");
  ASSERT_TRUE(after);
  EXPECT_EQ(*before, *after);
}

}  // namespace
}  // namespace manifold::worker
