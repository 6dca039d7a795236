// CopyFdData: bytes from one file descriptor to another, by the kernel where it can.
#pragma once

#include <cstdint>

#include "util/error.hpp"
#include "util/sha256.hpp"

namespace manifold::util {

/// Copies up to `size` bytes from `in` to `out`, each at its own file offset, which advances by
/// what was copied (a pipe or socket `out` has none). Without `hash` the kernel moves the bytes:
/// copy_file_range(2) when both are regular files (on ext4 an in-kernel copy, on xfs/btrfs a
/// reflink), sendfile(2) into anything else (a pipe, a socket, a device); where the kernel or
/// the filesystem refuses one (EXDEV, EINVAL, EOPNOTSUPP, ENOSYS, EBADF for an O_APPEND `out`),
/// the next is used without error, down to read/write through one buffer per thread. With
/// `hash`, every byte goes through user space (read, hash->Update(), write), so that what was
/// hashed is exactly what was written. Returns the bytes copied: fewer than `size` only when
/// `in` ended first. Errors: the failing call (read, write, copy_file_range, sendfile) with its
/// errno; callers add which files. Thread-safe (the buffer is per thread).
Result<int64_t> CopyFdData(int in, int out, int64_t size, Sha256* hash = nullptr);

}  // namespace manifold::util
