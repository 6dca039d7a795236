// AppendUtf8: each sequence length at its bounds.
#include "util/utf8.hpp"

#include <gtest/gtest.h>

namespace manifold::util {
namespace {

TEST(Utf8, AppendsOneToFourBytesAtEachBound) {
  struct Case {
    char32_t rune;
    std::string bytes;
  };
  const Case cases[] = {{U'\0', std::string(1, '\0')}, {0x7F, "\x7F"},         {0x80, "\xC2\x80"},
                        {0x7FF, "\xDF\xBF"},           {0x800, "\xE0\xA0\x80"}, {0xFFFD, "\xEF\xBF\xBD"},
                        {0x10000, "\xF0\x90\x80\x80"}, {0x10FFFF, "\xF4\x8F\xBF\xBF"}};
  for (const auto& c : cases) {
    std::string out = "x";
    AppendUtf8(out, c.rune);
    EXPECT_EQ(out, "x" + c.bytes) << static_cast<unsigned>(c.rune);
  }
}

}  // namespace
}  // namespace manifold::util
