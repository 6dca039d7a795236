// SHA-256's compression function: x86 SHA extensions where the CPU has them, else portable C++.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace manifold::util::internal {

/// The hash value H0..H7 of FIPS 180-4 §6.2, between blocks.
using Sha256State = std::array<uint32_t, 8>;

/// Runs SHA-256's compression function (FIPS 180-4 §6.2.2) over `count` consecutive 64-byte
/// blocks starting at `blocks` (any alignment), updating `state`. Padding is the caller's job.
using Sha256BlocksFn = void (*)(Sha256State& state, const unsigned char* blocks, size_t count);

/// The compression function in portable C++ (any CPU).
void Sha256BlocksPortable(Sha256State& state, const unsigned char* blocks, size_t count);

/// The compression function util::Sha256 uses: the SHA extensions (SHA-NI) when this CPU has
/// them, else Sha256BlocksPortable; see ForcePortableSha256. Thread-safe.
Sha256BlocksFn Sha256Blocks();

/// Whether this CPU's SHA extensions are available to Sha256Blocks() (false off x86).
bool HasShaNi();

/// Test hook: `true` makes Sha256Blocks() return Sha256BlocksPortable from now on, so tests
/// cover the portable path on a CPU with SHA-NI; `false` restores the CPU's choice. Flip it
/// only between whole digests: a stream hashed with both paths is still correct, but a test
/// would not know which path it covered.
void ForcePortableSha256(bool portable);

}  // namespace manifold::util::internal
