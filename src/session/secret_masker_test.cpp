// SecretMasker: each shape a secret takes in output (newline, lines, base64 at any alignment).
#include "session/secret_masker.hpp"

#include <gtest/gtest.h>

#include <string>

#include "util/base64.hpp"

namespace manifold::session {
namespace {

TEST(SecretMasker, MasksTheValueWithAndWithoutItsTrailingNewline) {
  SecretMasker masker({"s3cr3t-token\n"});
  EXPECT_EQ(masker.Mask("token is s3cr3t-token here"), "token is **** here");
  EXPECT_EQ(masker.Mask("s3cr3t-token"), "****");
  EXPECT_EQ(masker.Mask("twice s3cr3t-token s3cr3t-token"), "twice **** ****");
}

TEST(SecretMasker, MasksEachLineOfAMultiLineValue) {
  const std::string pem =
      "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n";
  SecretMasker masker({pem});
  EXPECT_EQ(masker.Mask("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"), "****");
  EXPECT_EQ(masker.Mask("  BKcwggSjAgEAAoIBAQC7"), "  ****");
  EXPECT_EQ(masker.Mask("-----END PRIVATE KEY-----"), "****");
}

TEST(SecretMasker, LinesShorterThanFourCharactersStay) {
  SecretMasker masker({"abcdefgh\nxyz\n"});
  EXPECT_EQ(masker.Mask("xyz"), "xyz");
  EXPECT_EQ(masker.Mask("abcdefgh"), "****");
}

TEST(SecretMasker, MasksBase64AtEveryAlignment) {
  const std::string value = "hunter2-is-the-password";
  SecretMasker masker({value + "\n"});
  EXPECT_EQ(masker.Mask(util::Base64Encode(value)), "****");
  EXPECT_EQ(masker.Mask(util::Base64Encode(value + "\n")), "****");
  for (std::string prefix : {"", "a", "ab", "abc", "user:"}) {
    for (std::string suffix : {"", "x", "xy", "\n"}) {
      std::string encoded = util::Base64Encode(prefix + value + suffix);
      std::string masked = masker.Mask(encoded);
      EXPECT_NE(masked.find("****"), std::string::npos) << prefix << "|" << suffix << " " << encoded;
      // What is left is the bytes around the value and the few characters they share with it.
      EXPECT_LE(masked.size(), 4 + util::Base64Encode(prefix).size() + 8) << masked;
    }
  }
}

TEST(SecretMasker, VeryShortValuesAreNotMasked) {
  SecretMasker masker({"ab", "\n"});
  EXPECT_TRUE(masker.patterns().empty());
  EXPECT_EQ(masker.Mask("abab"), "abab");
}

TEST(SecretMasker, LongestPatternFirstLeavesNoFragments) {
  SecretMasker masker({"line-one\nline-two\n"});
  EXPECT_EQ(masker.Mask("line-one\nline-two"), "****");
  EXPECT_EQ(masker.Mask("[line-two]"), "[****]");
}

TEST(SecretMasker, AValueMadeOfStarsDoesNotLoop) {
  SecretMasker masker({"*****"});
  EXPECT_EQ(masker.Mask("a*****b"), "a****b");
}

}  // namespace
}  // namespace manifold::session
