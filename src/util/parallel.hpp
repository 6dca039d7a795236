// util::ParallelFor: run independent pieces of work on a few threads.
#pragma once

#include <cstddef>
#include <functional>

namespace manifold::util {

/// Calls `work(i)` once for every i in [0, count), on up to `threads` threads (the calling
/// thread is one of them), and returns when all calls have returned. Indices are handed out in
/// increasing order as threads become free, so large and small pieces balance. `work` must be
/// safe to call concurrently for different indices and must not throw.
void ParallelFor(size_t count, size_t threads, const std::function<void(size_t)>& work);

/// The threads worth using for I/O-and-hash work on this machine: twice the online CPUs, at
/// least 4 and at most 8 (reads of small files wait on the disk as much as they use a CPU).
size_t HashThreads();

}  // namespace manifold::util
