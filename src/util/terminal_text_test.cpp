// Tests for SanitizeForTerminal: what a hostile peer's text looks like once made printable.
#include "util/terminal_text.hpp"

#include <gtest/gtest.h>

namespace manifold::util {
namespace {

struct Row {
  std::string_view in;
  std::string_view out;
  bool keep_newlines = false;
};

TEST(SanitizeForTerminal, Table) {
  const Row rows[] = {
      {"plain text: HTTP 404 MANIFEST_UNKNOWN", "plain text: HTTP 404 MANIFEST_UNKNOWN"},
      {"\x1b[2J\x1b[Hcleared", "\\x1b[2J\\x1b[Hcleared"},
      {"\x1b]0;pwned\x07title", "\\x1b]0;pwned\\x07title"},
      {"\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"},
      {"a\tb", "a\tb"},
      {"line\nforged: ok", "line\\x0aforged: ok"},
      {"line\nkept", "line\nkept", true},
      {"cr\roverwrite", "cr\\x0doverwrite", true},
      {"del\x7f", "del\\x7f"},
      {std::string_view("nul\0x", 5), "nul\\x00x"},
      {"\xc2\x9b" "2J", "\\u009b2J"},               // C1 CSI, UTF-8 encoded
      {"\xc2\x85next", "\\u0085next"},                // C1 NEL
      {"caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x90\xb3", "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x90\xb3"},
      {"\x9b" "2J", "\\x9b2J"},                      // a lone C1 byte is not UTF-8
      {"\xc0\xaf", "\\xc0\\xaf"},                     // overlong
      {"\xed\xa0\x80", "\\xed\\xa0\\x80"},            // surrogate
      {"\xe2\x9c", "\\xe2\\x9c"},                     // truncated
      {"back\\slash", "back\\slash"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(SanitizeForTerminal(row.in, row.keep_newlines), row.out) << "input: " << row.in;
  }
}

TEST(SanitizeForTerminal, OutputHasNoControlBytes) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  for (unsigned char c : SanitizeForTerminal(all)) {
    EXPECT_TRUE((c >= 0x20 && c < 0x7F) || c == '\t') << static_cast<int>(c);
  }
}

}  // namespace
}  // namespace manifold::util
