// Tests of HugeBuffer: the size, the alignment huge pages need, zeroed contents, moves.
#include "util/huge_buffer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <utility>

namespace manifold::util {
namespace {

TEST(HugeBuffer, RoundsUpToWholeAlignedHugePages) {
  for (size_t want : {size_t{1}, size_t{1} << 20, HugeBuffer::kHugePage, HugeBuffer::kHugePage + 1}) {
    HugeBuffer buffer(want);
    ASSERT_TRUE(buffer);
    EXPECT_GE(buffer.size(), want);
    EXPECT_EQ(buffer.size() % HugeBuffer::kHugePage, 0u);
    EXPECT_LT(buffer.size() - want, HugeBuffer::kHugePage);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(buffer.data()) % HugeBuffer::kHugePage, 0u);
  }
}

TEST(HugeBuffer, StartsZeroedAndIsWritableToItsEnd) {
  HugeBuffer buffer(3 << 20);
  size_t nonzero = 0;
  for (size_t i = 0; i < buffer.size(); i += 4096) nonzero += buffer.data()[i] != 0;
  EXPECT_EQ(nonzero, 0u);
  buffer.data()[0] = 'a';
  buffer.data()[buffer.size() - 1] = 'z';
  EXPECT_EQ(buffer.span().back(), 'z');
}

TEST(HugeBuffer, MovesOwnership) {
  HugeBuffer a(1);
  char* data = a.data();
  data[5] = 'x';
  HugeBuffer b(std::move(a));
  EXPECT_FALSE(a);  // NOLINT(bugprone-use-after-move): moved-from is documented as empty
  EXPECT_EQ(b.data(), data);
  EXPECT_EQ(b.data()[5], 'x');
  HugeBuffer c;
  c = std::move(b);
  EXPECT_EQ(c.data(), data);
  EXPECT_EQ(c.size(), HugeBuffer::kHugePage);
}

}  // namespace
}  // namespace manifold::util
