// Hash functions: md5, sha1, sha256, sha512 of a string's bytes, as lower-case hex
// (go-cty-funcs' crypto package; bcrypt and rsadecrypt are not offered).
#include <openssl/evp.h>

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

}  // namespace

void AddCryptoFunctions(EvalContext& ctx) {
  ctx.SetFunction("md5", Function{1, 1, [](Args a) { return Hash(a, EVP_md5()); }});
  ctx.SetFunction("sha1", Function{1, 1, [](Args a) { return Hash(a, EVP_sha1()); }});
  ctx.SetFunction("sha256", Function{1, 1, [](Args a) { return Hash(a, EVP_sha256()); }});
  ctx.SetFunction("sha512", Function{1, 1, [](Args a) { return Hash(a, EVP_sha512()); }});
}

}  // namespace manifold::hcl::internal
