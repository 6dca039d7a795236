// KnownDigests: rows added in any order are found by a walk's sorted names, the last one wins.
#include "worker/internal/known_digests.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace manifold::worker::internal {
namespace {

KnownFile FileWith(int64_t ino, uint8_t first_byte) {
  KnownFile f;
  f.stamp.ino = ino;
  f.sha256[0] = first_byte;
  return f;
}

// name → the ino of the file Match found for it (-1: none), for `names` of `dir`.
std::vector<int64_t> Found(KnownDigests& known, std::string_view dir, const std::vector<std::string>& names) {
  std::vector<int64_t> out(names.size(), -1);
  known.Match(dir, names.size(), [&](size_t i) { return std::string_view(names[i]); },
              [&](size_t i, const KnownFile& f) { out[i] = f.stamp.ino; });
  return out;
}

TEST(KnownDigests, FindsRowsAddedInAnyOrderByDirectory) {
  KnownDigests known;
  // The order of a cache's rows (by full path: "a.b/c" < "a/b" < "a/b/c" < "a/c").
  known.Add("a.b/c", FileWith(1, 0));
  known.Add("a/b", FileWith(2, 0));
  known.Add("a/b/c", FileWith(3, 0));
  known.Add("a/c", FileWith(4, 0));
  known.Add("top", FileWith(5, 0));
  known.Add("a/a", FileWith(6, 0));
  EXPECT_EQ(known.size(), 6u);

  EXPECT_EQ(Found(known, "a", {"a", "b", "b.c", "c", "d"}), (std::vector<int64_t>{6, 2, -1, 4, -1}));
  EXPECT_EQ(Found(known, "", {"a", "a.b", "top", "zz"}), (std::vector<int64_t>{-1, -1, 5, -1}));
  EXPECT_EQ(Found(known, "a/b", {"c"}), (std::vector<int64_t>{3}));
  EXPECT_EQ(Found(known, "a.b", {"c"}), (std::vector<int64_t>{1}));
  EXPECT_EQ(Found(known, "nowhere", {"c"}), (std::vector<int64_t>{-1}));
  EXPECT_EQ(Found(known, "a", {}), (std::vector<int64_t>{}));
}

TEST(KnownDigests, TheLastAddOfAPathWins) {
  KnownDigests known;
  known.Add("d/x", FileWith(1, 0));
  known.Add("d/y", FileWith(2, 0));
  EXPECT_EQ(Found(known, "d", {"x", "y"}), (std::vector<int64_t>{1, 2}));
  // Added after the directory was sorted and matched (a file hashed during the build).
  known.Add("d/x", FileWith(7, 0));
  known.Add("d/w", FileWith(8, 0));
  known.Add("d/x", FileWith(9, 0));
  EXPECT_EQ(Found(known, "d", {"w", "x", "y"}), (std::vector<int64_t>{8, 9, 2}));
  EXPECT_EQ(known.size(), 3u);
}

TEST(KnownDigests, NamesCompareAsBytes) {
  KnownDigests known;
  const std::vector<std::string> names = {"A", "B", "a", "b", "\xc3\xa9", "\xff"};
  for (size_t i = names.size(); i-- > 0;) known.Add("d/" + names[i], FileWith(static_cast<int64_t>(i), 0));
  EXPECT_EQ(Found(known, "d", names), (std::vector<int64_t>{0, 1, 2, 3, 4, 5}));
}

}  // namespace
}  // namespace manifold::worker::internal
