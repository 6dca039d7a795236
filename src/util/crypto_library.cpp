// Loading libcrypto with dlopen (util::SharedLibrary), once.
#include "util/crypto_library.hpp"

#include "util/shared_library.hpp"

namespace manifold::util {
namespace {

// OpenSSL 3's soname (Debian 12 ships 3.0; 3.x keeps the ABI).
constexpr const char* kSoname = "libcrypto.so.3";

Result<const CryptoLibrary*> Load() {
  auto library = MANIFOLD_TRY(SharedLibrary::Open(kSoname, "for digests and keys", "libssl3"));
  static CryptoLibrary loaded{};
#define MANIFOLD_CRYPTO_RESOLVE(member, function) library.Resolve(#function, &loaded.member);
  MANIFOLD_CRYPTO_FUNCTIONS(MANIFOLD_CRYPTO_RESOLVE)
#undef MANIFOLD_CRYPTO_RESOLVE
  MANIFOLD_CHECK(library.Complete("OpenSSL 3 is needed (Debian's package libssl3)"));
  return &loaded;
}

}  // namespace

Result<const CryptoLibrary*> LoadCrypto() {
  // A function-local static is initialised once, thread-safely. Never unloaded.
  static const Result<const CryptoLibrary*> result = Load();
  return result;
}

}  // namespace manifold::util
