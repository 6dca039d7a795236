// Sha256: incremental SHA-256 (OpenSSL; uses the CPU's SHA extensions where present).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::util {

/// Incremental SHA-256. Not thread-safe; one instance per stream.
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
  struct State;
  std::unique_ptr<State> state_;
};

/// SHA-256 (hex) of what is left to read from `fd`, read in 1 MiB chunks so that multi-GB
/// files use bounded memory. Errors name `what` (the file's path).
Result<std::string> Sha256OfFd(int fd, std::string_view what);

/// Lower-case hex of raw bytes.
std::string ToHex(const unsigned char* data, size_t size);

}  // namespace manifold::util
