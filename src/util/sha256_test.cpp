// SHA-256 against the FIPS 180-4 examples and OpenSSL, on the SHA-NI and the portable path.
#include "util/sha256.hpp"

#include <openssl/sha.h>

#include <algorithm>
#include <cstddef>
#include <random>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "util/internal/sha256_blocks.hpp"

namespace manifold::util {
namespace {

std::string OpenSslHex(std::string_view data) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), md);
  return ToHex(md, sizeof md);
}

std::string RandomBytes(std::mt19937_64& rng, size_t size) {
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(rng());
  return out;
}

// Each test runs once with the compression function chosen for this CPU (SHA-NI here) and once
// with the portable one forced.
class Sha256Test : public testing::TestWithParam<bool> {
 protected:
  void SetUp() override { internal::ForcePortableSha256(GetParam()); }
  void TearDown() override { internal::ForcePortableSha256(false); }
};

INSTANTIATE_TEST_SUITE_P(Paths, Sha256Test, testing::Values(false, true),
                         [](const testing::TestParamInfo<bool>& info) {
                           return info.param ? "Portable" : "ForThisCpu";
                         });

TEST_P(Sha256Test, PathIsTheOneAskedFor) {
  const bool portable = GetParam() || !internal::HasShaNi();
  EXPECT_EQ(internal::Sha256Blocks() == internal::Sha256BlocksPortable, portable);
}

// FIPS 180-4's examples (NIST CSRC "Examples with Intermediate Values", SHA-256).
TEST_P(Sha256Test, FipsExamples) {
  EXPECT_EQ(Sha256::Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256::Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256::Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256::Hex(std::string(1'000'000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_P(Sha256Test, IncrementalEqualsOneShot) {
  Sha256 h;
  h.Update("a");
  h.Update("");
  h.Update(std::string_view());
  h.Update("bc");
  EXPECT_EQ(h.HexDigest(), Sha256::Hex("abc"));
}

TEST_P(Sha256Test, ResetStartsAgain) {
  Sha256 h;
  h.Update("something else");
  h.Reset();
  h.Update("abc");
  EXPECT_EQ(h.HexDigest(), Sha256::Hex("abc"));
  h.Reset();
  EXPECT_EQ(h.HexDigest(), Sha256::Hex(""));
}

TEST_P(Sha256Test, MovedToKeepsTheStream) {
  Sha256 h;
  h.Update("ab");
  Sha256 moved(std::move(h));
  moved.Update("c");
  EXPECT_EQ(moved.HexDigest(), Sha256::Hex("abc"));
  Sha256 assigned;
  assigned = std::move(moved);
  assigned.Reset();
  assigned.Update("abc");
  EXPECT_EQ(assigned.HexDigest(), Sha256::Hex("abc"));
}

// Every length 0..300 covers each padding case (the length in the same block or the next)
// several times over; random split points cover a partial block being filled, completed and
// followed by whole blocks.
TEST_P(Sha256Test, MatchesOpenSslForEveryShortLengthAndSplit) {
  std::mt19937_64 rng(GetParam() ? 2 : 1);
  for (size_t size = 0; size <= 300; ++size) {
    const std::string data = RandomBytes(rng, size);
    const std::string expected = OpenSslHex(data);
    ASSERT_EQ(Sha256::Hex(data), expected) << "size " << size;
    for (int round = 0; round < 20; ++round) {
      Sha256 h;
      size_t at = 0;
      while (at < size) {
        const size_t piece = std::uniform_int_distribution<size_t>(0, size - at)(rng);
        h.Update(data.data() + at, piece);
        at += piece;
      }
      ASSERT_EQ(h.HexDigest(), expected) << "size " << size << ", round " << round;
    }
  }
}

TEST_P(Sha256Test, MatchesOpenSslForMiBBuffers) {
  std::mt19937_64 rng(GetParam() ? 4 : 3);
  for (size_t size : {size_t{1} << 20, (size_t{3} << 20) + 17, (size_t{4} << 20) - 1}) {
    const std::string data = RandomBytes(rng, size);
    const std::string expected = OpenSslHex(data);
    EXPECT_EQ(Sha256::Hex(data), expected) << "size " << size;
    // As Sha256OfFd feeds it, plus an odd first piece so that later blocks are unaligned.
    Sha256 h;
    h.Update(data.data(), 5);
    for (size_t at = 5; at < size; at += size_t{1} << 20) {
      h.Update(data.data() + at, std::min(size - at, size_t{1} << 20));
    }
    EXPECT_EQ(h.HexDigest(), expected) << "size " << size << " in pieces";
  }
}

}  // namespace
}  // namespace manifold::util
