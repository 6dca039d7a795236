// util::CryptoLibrary: OpenSSL's libcrypto, loaded when the first digest or key needs it.
#pragma once

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include "util/error.hpp"

namespace manifold::util {

// The libcrypto entry points manifold calls: X(member, function). Each member has the type of
// the function in OpenSSL's headers, so the compiler checks every call made through it. The
// names are OpenSSL 3's real symbols (EVP_PKEY_get_base_id, not its EVP_PKEY_base_id macro).
#define MANIFOLD_CRYPTO_FUNCTIONS(X)                                   \
  X(version, OpenSSL_version)                                          \
  X(digest, EVP_Digest)                                                \
  X(md5, EVP_md5)                                                      \
  X(sha1, EVP_sha1)                                                    \
  X(sha512, EVP_sha512)                                                \
  X(rand_bytes, RAND_bytes)                                            \
  X(bio_new_mem_buf, BIO_new_mem_buf)                                  \
  X(bio_free, BIO_free)                                                \
  X(pem_read_bio_private_key, PEM_read_bio_PrivateKey)                 \
  X(pkey_get_base_id, EVP_PKEY_get_base_id)                            \
  X(pkey_free, EVP_PKEY_free)                                          \
  X(pkey_ctx_new, EVP_PKEY_CTX_new)                                    \
  X(pkey_ctx_free, EVP_PKEY_CTX_free)                                  \
  X(pkey_decrypt_init, EVP_PKEY_decrypt_init)                          \
  X(pkey_ctx_set_rsa_padding, EVP_PKEY_CTX_set_rsa_padding)            \
  X(pkey_decrypt, EVP_PKEY_decrypt)

/// The libcrypto entry points manifold calls, resolved from libcrypto.so.3 by dlopen. Why not
/// linked: libcrypto's 17,000 relative relocations and its constructors cost every process
/// ~2–3 ms at start, while only bake's HCL functions (md5, sha1, sha512, rsadecrypt, uuid) and
/// `manifold version` use it (SHA-256 is util::Sha256's own; TLS is libcurl's, which loads its
/// own libcrypto when a registry is asked).
struct CryptoLibrary {
#define MANIFOLD_CRYPTO_MEMBER(member, function) decltype(&::function) member;
  MANIFOLD_CRYPTO_FUNCTIONS(MANIFOLD_CRYPTO_MEMBER)
#undef MANIFOLD_CRYPTO_MEMBER
};

/// Loads libcrypto once per process; every later call (from any thread) returns the same
/// result. Errors (kUnavailable): the library is missing or lacks an entry point, with
/// dlerror()'s words and the Debian package that provides it.
Result<const CryptoLibrary*> LoadCrypto();

}  // namespace manifold::util
