// Sha256: incremental SHA-256 (our own code; uses the CPU's SHA extensions where present).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::util {

/// Incremental SHA-256. Not thread-safe; one instance per stream. Holds no heap memory and
/// needs no library initialisation, so constructing one is cheap even as a process's first.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  void Update(std::string_view data);
  void Update(const void* data, size_t size);
  /// The digest as 64 lower-case hex characters. Ends the stream: call Reset() to reuse.
  std::string HexDigest();
  void Reset();

  /// One-shot hex digest of `data`.
  static std::string Hex(std::string_view data);

 private:
  std::array<uint32_t, 8> state_{};      // H0..H7 (FIPS 180-4 §6.2)
  std::array<unsigned char, 64> block_{};  // the start of a block awaiting more input
  size_t block_used_ = 0;                  // bytes of block_ in use, < 64
  uint64_t length_ = 0;                    // bytes hashed since Reset(), for the padding
};

/// SHA-256 (hex) of what is left to read from `fd`, read in 1 MiB chunks so that multi-GB
/// files use bounded memory. Errors name `what` (the file's path).
Result<std::string> Sha256OfFd(int fd, std::string_view what);

/// Lower-case hex of raw bytes.
std::string ToHex(const unsigned char* data, size_t size);

}  // namespace manifold::util
