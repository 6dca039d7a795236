// Context checksums: the batched, parallel walk gives the documented lines in walk order.
#include "worker/context_checksum.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>

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
// sorted depth-first walk, files with their content digest (or the one `digests` gives a
// file by its relative path).
std::string Reference(const fs::path& root, const std::string& excluded_name,
                      const std::map<std::string, std::string>& digests = {}) {
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
      auto given = digests.find(rel);
      sum.Update(fmt::format("f {} {:o} {} {}\n", rel, st.st_mode & 07777, st.st_size,
                             given != digests.end() ? given->second : FileSha(path)));
    } else if (S_ISLNK(st.st_mode)) {
      sum.Update(fmt::format("l {} {}\n", rel, fs::read_symlink(path).string()));
    } else {
      sum.Update(fmt::format("o {} {:o} {}\n", rel, st.st_mode, static_cast<uint64_t>(st.st_rdev)));
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

// The stat of `path` as the cache records it, hashed `checked_after_ctime_ns` after its ctime.
cache::FileDigest Recorded(const fs::path& path, int64_t checked_after_ctime_ns, std::string digest) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0);
  const int64_t ctime = st.st_ctim.tv_sec * 1'000'000'000LL + st.st_ctim.tv_nsec;
  return {{static_cast<int64_t>(st.st_dev), static_cast<int64_t>(st.st_ino), static_cast<int64_t>(st.st_size),
           st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec, ctime},
          ctime + checked_after_ctime_ns,
          std::move(digest)};
}

// Digests no file has: a checksum that holds one took it from the cache.
const std::string kPlanted = "sha256:" + std::string(64, 'a');
const std::string kPlanted2 = "sha256:" + std::string(64, 'b');

// A recorded digest is taken while the file's stat is as recorded and was recorded over a
// second after its last change; otherwise the file is hashed again.
TEST_F(ContextChecksumTest, ReusesARecordedDigestOnlyWhileItHolds) {
  auto meta = cache::MetaStore::Open(dir_.path() / "root");
  ASSERT_TRUE(meta) << meta.error().Describe();
  constexpr int64_t kLater = 2'000'000'000;
  cache::FileDigest changed = Recorded(ctx() / "d04/f00004", kLater, kPlanted);
  changed.stamp.size += 1;
  ASSERT_TRUE((*meta)->SetFileDigests({
      {(ctx() / "d03/f00003").string(), Recorded(ctx() / "d03/f00003", kLater, kPlanted)},
      {(ctx() / "big.bin").string(), Recorded(ctx() / "big.bin", kLater, kPlanted2)},
      {(ctx() / "d04/f00004").string(), changed},
      {(ctx() / "d05/f00005").string(), Recorded(ctx() / "d05/f00005", 500'000'000, kPlanted)},  // too soon
      {(ctx() / "skip.me").string(), Recorded(ctx() / "skip.me", kLater, kPlanted)},             // excluded
  }));
  ContextChecksums checksums(meta->get());
  auto sum = checksums.Checksum(Context(), ".");
  ASSERT_TRUE(sum) << sum.error().Describe();
  EXPECT_EQ(*sum, Reference(ctx(), "skip.me", {{"d03/f00003", kPlanted}, {"big.bin", kPlanted2}}));

  // One file named by the selector: its directory's digests are looked up the same way.
  auto one = checksums.Checksum(Context(), "d03/f00003");
  ASSERT_TRUE(one) << one.error().Describe();
  struct stat st {};
  ASSERT_EQ(::lstat((ctx() / "d03/f00003").c_str(), &st), 0);
  util::Sha256 expected;
  expected.Update(fmt::format("selector d03/f00003\nf d03/f00003 {:o} {} {}\n", st.st_mode & 07777, st.st_size, kPlanted));
  EXPECT_EQ(*one, "sha256:" + expected.HexDigest());

  // What a remote node's transfer asks, one file at a time.
  auto digest = checksums.FileDigestIn(ctx(), ctx() / "d03/f00003", st);
  ASSERT_TRUE(digest) << digest.error().Describe();
  EXPECT_EQ(*digest, kPlanted);
  ASSERT_EQ(::lstat((ctx() / "d04/f00004").c_str(), &st), 0);
  digest = checksums.FileDigestIn(ctx(), ctx() / "d04/f00004", st);
  ASSERT_TRUE(digest) << digest.error().Describe();
  EXPECT_EQ(*digest, FileSha(ctx() / "d04/f00004"));
}

// The context dir spelled with a trailing '/' finds the digests recorded under its plain path.
TEST_F(ContextChecksumTest, ContextDirWithATrailingSlashFindsTheSameRows) {
  auto meta = cache::MetaStore::Open(dir_.path() / "root");
  ASSERT_TRUE(meta) << meta.error().Describe();
  ASSERT_TRUE((*meta)->SetFileDigests(
      {{(ctx() / "d03/f00003").string(), Recorded(ctx() / "d03/f00003", 2'000'000'000, kPlanted)}}));
  ContextChecksums checksums(meta->get());
  ContextOutput slashed(ctx().string() + "/", [](std::string_view rel) { return fs::path(rel).filename() == "skip.me"; });
  auto sum = checksums.Checksum(slashed, ".");
  ASSERT_TRUE(sum) << sum.error().Describe();
  EXPECT_EQ(*sum, Reference(ctx(), "skip.me", {{"d03/f00003", kPlanted}}));
}

// Names that sort around '/' (whose rows come in another order from the cache than the walk
// visits them), a symlink and a fifo give the documented lines, planted digests included.
TEST(ContextChecksum, OddNamesAndKindsEqualThePlainWalk) {
  testing::TempDir dir;
  const fs::path ctx = dir.path() / "ctx";
  const std::vector<std::string> names = {"a/b/d", "a.b/c", "a-b", "a/b.c", "a/b-", "a0", "A", "\xc3\xa9/x", "z"};
  for (const auto& name : names) {
    fs::create_directories((ctx / name).parent_path());
    std::ofstream(ctx / name) << name;
  }
  fs::create_directories(ctx / "empty");
  fs::create_symlink("nowhere", ctx / "a" / "dangling");
  ASSERT_EQ(::mkfifo((ctx / "fifo").c_str(), 0600), 0);
  auto meta = cache::MetaStore::Open(dir.path() / "root");
  ASSERT_TRUE(meta) << meta.error().Describe();
  std::map<std::string, cache::FileDigest> rows;
  std::map<std::string, std::string> planted;
  for (size_t i = 0; i < names.size(); ++i) {
    std::string digest = "sha256:" + std::string(63, 'c') + "0123456789"[i];
    rows[(ctx / names[i]).string()] = Recorded(ctx / names[i], 2'000'000'000, digest);
    planted[names[i]] = digest;
  }
  ASSERT_TRUE((*meta)->SetFileDigests(rows));
  ContextChecksums checksums(meta->get());
  auto sum = checksums.Checksum(ContextOutput(ctx, {}), ".");
  ASSERT_TRUE(sum) << sum.error().Describe();
  EXPECT_EQ(*sum, Reference(ctx, "", planted));
}

}  // namespace
}  // namespace manifold::worker
