// SHA-256 (FIPS 180-4): buffering and padding around internal::Sha256Blocks().
#include "util/sha256.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/internal/sha256_blocks.hpp"
#include "util/read_buffer.hpp"

namespace manifold::util {
namespace {

constexpr size_t kBlockSize = 64;

}  // namespace

Sha256::Sha256() { Reset(); }
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::Reset() {
  // FIPS 180-4 §5.3.3: the initial hash value.
  state_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  block_used_ = 0;
  length_ = 0;
}

void Sha256::Update(const void* data, size_t size) {
  // An empty string_view may carry a null pointer, which memcpy must not see.
  if (size == 0) return;
  auto* in = static_cast<const unsigned char*>(data);
  length_ += size;
  const internal::Sha256BlocksFn blocks = internal::Sha256Blocks();
  if (block_used_ > 0) {
    const size_t take = std::min(size, kBlockSize - block_used_);
    std::memcpy(block_.data() + block_used_, in, take);
    block_used_ += take;
    in += take;
    size -= take;
    if (block_used_ < kBlockSize) return;
    blocks(state_, block_.data(), 1);
    block_used_ = 0;
  }
  // Whole blocks straight from the caller's buffer: layers of hundreds of MiB pass through
  // here, and a copy would cost more than the hashing does with SHA-NI.
  const size_t whole = size / kBlockSize;
  if (whole > 0) {
    blocks(state_, in, whole);
    in += whole * kBlockSize;
    size -= whole * kBlockSize;
  }
  if (size > 0) std::memcpy(block_.data(), in, size);
  block_used_ = size;
}
void Sha256::Update(std::string_view data) { Update(data.data(), data.size()); }

std::string Sha256::HexDigest() {
  // FIPS 180-4 §5.1.1: a 1 bit, zeros up to 56 bytes into a block, then the message length in
  // bits as a 64-bit big-endian number.
  const uint64_t bits = length_ * 8;
  static constexpr unsigned char kPadding[kBlockSize] = {0x80};
  Update(kPadding, (block_used_ < 56 ? 56 : 56 + kBlockSize) - block_used_);
  unsigned char length[8];
  for (int i = 0; i < 8; ++i) length[i] = static_cast<unsigned char>(bits >> (56 - 8 * i));
  Update(length, sizeof length);

  unsigned char digest[32];
  for (int i = 0; i < 8; ++i) {
    for (int j = 0; j < 4; ++j) digest[4 * i + j] = static_cast<unsigned char>(state_[i] >> (24 - 8 * j));
  }
  return ToHex(digest, sizeof digest);
}

std::string Sha256::Hex(std::string_view data) {
  Sha256 h;
  h.Update(data);
  return h.HexDigest();
}

std::string ToHex(const unsigned char* data, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = kDigits[data[i] >> 4];
    out[2 * i + 1] = kDigits[data[i] & 15];
  }
  return out;
}

Result<std::string> Sha256OfFd(int fd, std::string_view what) {
  Sha256 hash;
  MANIFOLD_TRY(ReadChunks(fd, fmt::format("read {}", what), [&](std::string_view piece) -> Status {
    hash.Update(piece);
    return {};
  }));
  return hash.HexDigest();
}

}  // namespace manifold::util
