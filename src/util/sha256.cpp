// SHA-256 through OpenSSL's EVP interface.
#include "util/sha256.hpp"

#include <openssl/evp.h>
#include <unistd.h>

#include <cerrno>
#include <memory>


#include <fmt/format.h>

#include "util/error.hpp"
#include "util/read_buffer.hpp"

namespace manifold::util {

struct Sha256::State {
  EVP_MD_CTX* ctx = nullptr;
  ~State() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  state_->ctx = EVP_MD_CTX_new();
  MANIFOLD_ASSERT(state_->ctx != nullptr, "out of memory");
  Reset();
}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::Reset() {
  MANIFOLD_ASSERT(EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr) == 1, "sha256 init");
}

void Sha256::Update(const void* data, size_t size) {
  EVP_DigestUpdate(state_->ctx, data, size);
}
void Sha256::Update(std::string_view data) { Update(data.data(), data.size()); }

std::string Sha256::HexDigest() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(state_->ctx, md, &len);
  return ToHex(md, len);
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
