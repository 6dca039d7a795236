// Digest parsing and construction.
#include "image/digest.hpp"

#include "util/sha256.hpp"

namespace manifold::image {

namespace {
bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}
}  // namespace

util::Result<Digest> Digest::Parse(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "invalid digest {:?}: expected algorithm:hex, e.g. sha256:<64 hex digits>", text);
  }
  std::string_view algo = text.substr(0, colon);
  std::string_view hex = text.substr(colon + 1);
  size_t want = 0;
  if (algo == "sha256") {
    want = 64;
  } else if (algo == "sha512") {
    want = 128;
  } else {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "invalid digest {:?}: unsupported algorithm {:?} (sha256 or sha512)", text, algo);
  }
  if (hex.size() != want || !IsLowerHex(hex)) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "invalid digest {:?}: {} needs {} lower-case hex digits", text, algo, want);
  }
  return Digest(std::string(text), colon);
}

Digest Digest::FromSha256Hex(std::string_view hex) {
  MANIFOLD_ASSERT(hex.size() == 64 && IsLowerHex(hex), "sha256 hex must be 64 lower-case digits");
  return Digest("sha256:" + std::string(hex), 6);
}

Digest Digest::OfBytes(std::string_view bytes) { return FromSha256Hex(util::Sha256::Hex(bytes)); }

}  // namespace manifold::image
