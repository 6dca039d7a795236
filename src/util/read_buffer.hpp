// util::ThreadReadBuffer: one reusable read buffer per thread.
#pragma once

#include <cstddef>
#include <span>

namespace manifold::util {

/// A 1 MiB buffer owned by the calling thread, allocated once and never zeroed: a fresh
/// zero-initialised vector per call cost a 1 MiB memset and an mmap per file (2 s for the
/// 20,000 small files of bench/big_copy.sh's checksum). Reading loops that do not call each
/// other share it; contents are not kept between uses.
std::span<char> ThreadReadBuffer();

}  // namespace manifold::util
