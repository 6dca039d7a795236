// Base64: RFC 4648 §10's test vectors, both ways, and what the strict decoder refuses.
#include "util/base64.hpp"

#include <gtest/gtest.h>

namespace manifold::util {
namespace {

TEST(Base64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(Base64Encode(plain), encoded);
    EXPECT_EQ(Base64Decode(encoded), plain);
  }
}

TEST(Base64, DecodeRefusesWhatIsNotStrictBase64) {
  EXPECT_EQ(Base64Decode("Zm9"), std::nullopt);
  EXPECT_EQ(Base64Decode("Zm9v!A=="), std::nullopt);
  EXPECT_EQ(Base64Decode("Zm 9"), std::nullopt);
}

}  // namespace
}  // namespace manifold::util
