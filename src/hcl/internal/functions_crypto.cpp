// Hash functions: md5, sha1, sha256, sha512 of a string's bytes, as lower-case hex; bcrypt;
// rsadecrypt (go-cty-funcs' crypto package).
#include <crypt.h>

#include <cerrno>
#include <memory>
#include <optional>

#include "hcl/internal/functions.hpp"
#include "util/base64.hpp"
#include "util/crypto_library.hpp"
#include "util/sha256.hpp"

namespace manifold::hcl::internal {
namespace {

// The digest named by a member of util::CryptoLibrary (md5, sha1, ...).
using DigestFn = decltype(util::CryptoLibrary::md5);

util::Result<Value> Hash(const Args& args, DigestFn util::CryptoLibrary::*md) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  const util::CryptoLibrary* crypto = MANIFOLD_TRY(util::LoadCrypto());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (crypto->digest(s.data(), s.size(), digest, &len, (crypto->*md)(), nullptr) != 1) {
    return util::Fail(util::ErrorKind::kInternal, "hashing failed");
  }
  return Value::String(util::ToHex(digest, len));
}

// bcrypt(str, cost = 10): a "$2a$" hash with a fresh random salt, as Go's
// golang.org/x/crypto/bcrypt makes (libxcrypt computes it; its salt comes from getrandom).
util::Result<Value> Bcrypt(const Args& args) {
  std::string password = MANIFOLD_TRY(StringArg(args, 0, "str"));
  int64_t cost = args.size() > 1 ? MANIFOLD_TRY(IntArg(args, 1, "cost")) : 10;
  if (cost < 4 || cost > 31) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "error occurred generating password bcrypt: cost {} is outside allowed range (4,31)", cost);
  }
  // bcrypt reads 72 bytes at most; Go refuses a longer password rather than ignore its tail.
  if (password.size() > 72) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "error occurred generating password bcrypt: password length exceeds 72 bytes");
  }
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  if (crypt_gensalt_rn("$2a$", static_cast<unsigned long>(cost), nullptr, 0, salt, sizeof salt) == nullptr) {
    return util::FailErrno(errno, "bcrypt: making a salt");
  }
  auto data = std::make_unique<crypt_data>();
  const char* hash = crypt_rn(password.c_str(), salt, data.get(), sizeof *data);
  if (hash == nullptr || hash[0] == '*') return util::FailErrno(errno, "bcrypt: hashing");
  return Value::String(hash);
}

// rsadecrypt(ciphertext, privatekey): base64 RSA PKCS #1 v1.5 ciphertext decrypted with a PEM
// private key (PKCS #1 "RSA PRIVATE KEY" or PKCS #8 "PRIVATE KEY"; go-cty-funcs also reads
// OpenSSH's format, which is refused here with a message saying so).
util::Result<Value> RsaDecrypt(const Args& args) {
  std::string ciphertext = MANIFOLD_TRY(StringArg(args, 0, "ciphertext"));
  std::string key_pem = MANIFOLD_TRY(StringArg(args, 1, "privatekey"));
  std::optional<std::string> raw = util::Base64Decode(ciphertext);
  if (!raw) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "failed to decode input {:?}: cipher text must be base64-encoded", ciphertext);
  }
  if (key_pem.find("BEGIN OPENSSH PRIVATE KEY") != std::string::npos) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "invalid private key: OpenSSH's key format is not read here; convert it with "
                      "ssh-keygen -p -m PEM -f KEYFILE");
  }
  const util::CryptoLibrary* crypto = MANIFOLD_TRY(util::LoadCrypto());
  std::unique_ptr<BIO, decltype(crypto->bio_free)> bio(
      crypto->bio_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())), crypto->bio_free);
  std::unique_ptr<EVP_PKEY, decltype(crypto->pkey_free)> key(
      bio ? crypto->pem_read_bio_private_key(bio.get(), nullptr, nullptr, nullptr) : nullptr, crypto->pkey_free);
  if (!key) return util::Fail(util::ErrorKind::kInvalidArgument, "invalid private key: not a PEM private key");
  if (crypto->pkey_get_base_id(key.get()) != EVP_PKEY_RSA) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "invalid private key type: not an RSA key");
  }
  std::unique_ptr<EVP_PKEY_CTX, decltype(crypto->pkey_ctx_free)> ctx(crypto->pkey_ctx_new(key.get(), nullptr),
                                                                     crypto->pkey_ctx_free);
  size_t size = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(raw->data());
  if (!ctx || crypto->pkey_decrypt_init(ctx.get()) != 1 ||
      crypto->pkey_ctx_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
      crypto->pkey_decrypt(ctx.get(), nullptr, &size, in, raw->size()) != 1) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "failed to decrypt: crypto/rsa: decryption error");
  }
  std::string out(size, '\0');
  if (crypto->pkey_decrypt(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &size, in, raw->size()) != 1) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "failed to decrypt: crypto/rsa: decryption error");
  }
  out.resize(size);
  return Value::String(std::move(out));
}

}  // namespace

void AddCryptoFunctions(EvalContext& ctx) {
  ctx.SetFunction("md5", Function{1, 1, [](Args a) { return Hash(a, &util::CryptoLibrary::md5); }});
  ctx.SetFunction("sha1", Function{1, 1, [](Args a) { return Hash(a, &util::CryptoLibrary::sha1); }});
  // manifold's own SHA-256: no need to load libcrypto for it.
  ctx.SetFunction("sha256", Function{1, 1, [](Args a) -> util::Result<Value> {
                    return Value::String(util::Sha256::Hex(MANIFOLD_TRY(StringArg(a, 0, "str"))));
                  }});
  ctx.SetFunction("sha512", Function{1, 1, [](Args a) { return Hash(a, &util::CryptoLibrary::sha512); }});
  ctx.SetFunction("bcrypt", Function{1, 2, Bcrypt});
  ctx.SetFunction("rsadecrypt", Function{2, 2, RsaDecrypt});
}

}  // namespace manifold::hcl::internal
