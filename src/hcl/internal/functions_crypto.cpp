// Hash functions: md5, sha1, sha256, sha512 of a string's bytes, as lower-case hex, and
// bcrypt (go-cty-funcs' crypto package; rsadecrypt is not offered).
#include <crypt.h>
#include <openssl/evp.h>

#include <cerrno>
#include <memory>

#include "hcl/internal/functions.hpp"
#include "util/sha256.hpp"

namespace manifold::hcl::internal {
namespace {

util::Result<Value> Hash(const Args& args, const EVP_MD* md) {
  std::string s = MANIFOLD_TRY(StringArg(args, 0, "str"));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(s.data(), s.size(), digest, &len, md, nullptr) != 1) {
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

}  // namespace

void AddCryptoFunctions(EvalContext& ctx) {
  ctx.SetFunction("md5", Function{1, 1, [](Args a) { return Hash(a, EVP_md5()); }});
  ctx.SetFunction("sha1", Function{1, 1, [](Args a) { return Hash(a, EVP_sha1()); }});
  ctx.SetFunction("sha256", Function{1, 1, [](Args a) { return Hash(a, EVP_sha256()); }});
  ctx.SetFunction("sha512", Function{1, 1, [](Args a) { return Hash(a, EVP_sha512()); }});
  ctx.SetFunction("bcrypt", Function{1, 2, Bcrypt});
}

}  // namespace manifold::hcl::internal
