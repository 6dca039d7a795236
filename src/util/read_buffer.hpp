// util::ThreadReadBuffer: one reusable read buffer per thread, and the read loop over it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string_view>

#include "util/error.hpp"

namespace manifold::util {

/// A 1 MiB buffer owned by the calling thread, allocated once and never zeroed: a fresh
/// zero-initialised vector per call cost a 1 MiB memset and an mmap per file (2 s for the
/// 20,000 small files of bench/big_copy.sh's checksum). Reading loops that do not call each
/// other share it; contents are not kept between uses.
std::span<char> ThreadReadBuffer();

/// Reads `fd` from its offset until `max` bytes or its end, through ThreadReadBuffer(), and
/// gives each piece read to `each` (which must not use ThreadReadBuffer() itself); EINTR is
/// retried. Returns the bytes read. Errors: a failed read as FailErrno(errno, `what`), or
/// the first error of `each`, which ends the loop.
Result<int64_t> ReadChunks(int fd, std::string_view what, const std::function<Status(std::string_view)>& each,
                           int64_t max = std::numeric_limits<int64_t>::max());

}  // namespace manifold::util
