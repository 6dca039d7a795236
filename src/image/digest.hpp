// Digest: a validated content address ("sha256:<64 lower-case hex>").
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::image {

/// A content digest. Only sha256 is produced; sha512 is accepted when parsing (OCI allows it).
/// Always valid once constructed: build it with Parse() or FromSha256Hex().
class Digest {
 public:
  /// Parses "algorithm:hex". Errors (InvalidArgument) name the offending text: unknown
  /// algorithm, wrong length, upper-case or non-hex characters (OCI descriptor.md §Digests).
  static util::Result<Digest> Parse(std::string_view text);
  /// From 64 lower-case hex characters of a SHA-256; asserts on anything else.
  static Digest FromSha256Hex(std::string_view hex);
  /// SHA-256 of `bytes`.
  static Digest OfBytes(std::string_view bytes);

  const std::string& str() const { return text_; }
  std::string_view algorithm() const { return std::string_view(text_).substr(0, colon_); }
  std::string_view hex() const { return std::string_view(text_).substr(colon_ + 1); }
  /// The first 12 hex characters, as shown in progress and inspect output.
  std::string_view Short() const { return hex().substr(0, 12); }

  auto operator<=>(const Digest&) const = default;

 private:
  Digest(std::string text, size_t colon) : text_(std::move(text)), colon_(colon) {}
  std::string text_;
  size_t colon_ = 0;
};

}  // namespace manifold::image

template <>
struct std::hash<manifold::image::Digest> {
  size_t operator()(const manifold::image::Digest& d) const noexcept {
    return std::hash<std::string>()(d.str());
  }
};
