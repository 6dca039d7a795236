// SHA-256's compression function, portable and with the x86 SHA extensions, and the choice.
#include "util/internal/sha256_blocks.hpp"

#include <atomic>
#include <bit>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace manifold::util::internal {
namespace {

// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the
// first 64 primes. Aligned so that the SHA-NI path loads four at a time.
alignas(16) constexpr uint32_t kRound[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// Message words are big-endian (FIPS 180-4 §3.1 item 1).
uint32_t LoadBigEndian(const unsigned char* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | uint32_t{p[3]};
}

#if defined(__x86_64__) || defined(__i386__)
// Compiled for SHA-NI in this function only: the binary must still run on x86-64 CPUs without
// the extensions (older Intel servers, CI runners, emulators), so Sha256Blocks() picks this
// at run time instead of the whole build using -msha.
__attribute__((target("sha,sse4.1"))) void Sha256BlocksShaNi(Sha256State& state,
                                                              const unsigned char* blocks,
                                                              size_t count) {
  // SHA256RNDS2 holds the working variables as two vectors, {A,B,E,F} and {C,D,G,H}, with A
  // and C in the highest dword (Intel SDM, SHA256RNDS2); _mm_set_epi32 takes the highest first.
  auto set = [](uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
    return _mm_set_epi32(static_cast<int>(a), static_cast<int>(b), static_cast<int>(c), static_cast<int>(d));
  };
  __m128i abef = set(state[0], state[1], state[4], state[5]);
  __m128i cdgh = set(state[2], state[3], state[6], state[7]);
  // Reverses the bytes of each dword: the message words are big-endian.
  const __m128i byte_swap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);

  for (; count > 0; --count, blocks += 64) {
    const __m128i abef_before = abef;
    const __m128i cdgh_before = cdgh;
    // w[i % 4] holds the schedule words W[4i..4i+3] (FIPS 180-4 §6.2.2 step 1), lowest first.
    __m128i w[4];
    for (int i = 0; i < 4; ++i) {
      w[i] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks + 16 * i)), byte_swap);
    }
    // Fully unrolled, so that w[] lives in registers.
#pragma GCC unroll 16
    for (int i = 0; i < 16; ++i) {
      if (i >= 4) {
        // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16] for four t at once: MSG1 gives
        // W[t-16] + σ0(W[t-15]), the alignr picks W[t-7], and MSG2 adds σ1(W[t-2]), which for
        // the upper two words are the two it has just computed.
        const __m128i& last = w[(i + 3) % 4];
        const __m128i partial = _mm_add_epi32(_mm_sha256msg1_epu32(w[i % 4], w[(i + 1) % 4]),
                                              _mm_alignr_epi8(last, w[(i + 2) % 4], 4));
        w[i % 4] = _mm_sha256msg2_epu32(partial, last);
      }
      const __m128i wk = _mm_add_epi32(w[i % 4], _mm_load_si128(reinterpret_cast<const __m128i*>(&kRound[4 * i])));
      // RNDS2 runs two rounds (§6.2.2 step 3) with the low two dwords of `wk` and returns the
      // new {A,B,E,F}; the new {C,D,G,H} is the old {A,B,E,F}. So after the first call `cdgh`
      // holds {A,B,E,F} and `abef` {C,D,G,H}, and the second call swaps the names back.
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
      abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_unpackhi_epi64(wk, wk));
    }
    // §6.2.2 step 4: each lane adds to the same variable it came from.
    abef = _mm_add_epi32(abef, abef_before);
    cdgh = _mm_add_epi32(cdgh, cdgh_before);
  }

  alignas(16) uint32_t lanes[4];
  _mm_store_si128(reinterpret_cast<__m128i*>(lanes), abef);
  state[0] = lanes[3], state[1] = lanes[2], state[4] = lanes[1], state[5] = lanes[0];
  _mm_store_si128(reinterpret_cast<__m128i*>(lanes), cdgh);
  state[2] = lanes[3], state[3] = lanes[2], state[6] = lanes[1], state[7] = lanes[0];
}
#endif

Sha256BlocksFn ChooseForCpu() {
#if defined(__x86_64__) || defined(__i386__)
  if (HasShaNi()) return Sha256BlocksShaNi;
#endif
  return Sha256BlocksPortable;
}

std::atomic<bool> force_portable{false};

}  // namespace

// The fallback for CPUs without SHA-NI is this rather than OpenSSL's EVP (which would be
// faster there): it is simpler to read than a second engine with its own once-per-process
// EVP_MD fetch and a context inside every Sha256, and it cannot bring back OpenSSL's lazy
// initialisation, which cost the first Sha256 of a process ~2 ms. It need not be fast.
void Sha256BlocksPortable(Sha256State& state, const unsigned char* blocks, size_t count) {
  for (; count > 0; --count, blocks += 64) {
    // FIPS 180-4 §6.2.2 step 1: the message schedule.
    uint32_t w[64];
    for (int t = 0; t < 16; ++t) w[t] = LoadBigEndian(blocks + 4 * t);
    for (int t = 16; t < 64; ++t) {
      const uint32_t s0 = std::rotr(w[t - 15], 7) ^ std::rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
      const uint32_t s1 = std::rotr(w[t - 2], 17) ^ std::rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
      w[t] = s1 + w[t - 7] + s0 + w[t - 16];
    }
    // Steps 2 and 3, with the functions of §4.1.2.
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 64; ++t) {
      const uint32_t big_s1 = std::rotr(e, 6) ^ std::rotr(e, 11) ^ std::rotr(e, 25);
      const uint32_t ch = (e & f) ^ (~e & g);
      const uint32_t t1 = h + big_s1 + ch + kRound[t] + w[t];
      const uint32_t big_s0 = std::rotr(a, 2) ^ std::rotr(a, 13) ^ std::rotr(a, 22);
      const uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
      const uint32_t t2 = big_s0 + maj;
      h = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    // Step 4.
    state[0] += a, state[1] += b, state[2] += c, state[3] += d;
    state[4] += e, state[5] += f, state[6] += g, state[7] += h;
  }
}

bool HasShaNi() {
#if defined(__x86_64__) || defined(__i386__)
  // cpuid rather than __builtin_cpu_supports("sha"), which clang 16 (the fuzz build) lacks:
  // SHA is leaf 7 EBX bit 29 and SSE4.1 leaf 1 ECX bit 19 (Intel SDM, CPUID). Both use only
  // XMM registers, whose state every x86-64 kernel saves, so no XGETBV check is needed.
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0 || (ecx & bit_SSE4_1) == 0) return false;
  if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) == 0) return false;
  return (ebx & bit_SHA) != 0;
#else
  return false;
#endif
}

Sha256BlocksFn Sha256Blocks() {
  static const Sha256BlocksFn for_cpu = ChooseForCpu();
  return force_portable.load(std::memory_order_relaxed) ? Sha256BlocksPortable : for_cpu;
}

void ForcePortableSha256(bool portable) { force_portable.store(portable, std::memory_order_relaxed); }

}  // namespace manifold::util::internal
