// CaptureThroughPipe: what a writer sends to a pipe (an output that is not a regular file).
#pragma once

#include <functional>
#include <string>

namespace manifold::testing {

/// Calls `write(fd)` with the write end of a fresh pipe while a second thread reads the other
/// end, closes the write end when `write` returns, and returns every byte that came through.
/// A pipe that cannot be made is a test failure (and "" is returned).
std::string CaptureThroughPipe(const std::function<void(int fd)>& write);

}  // namespace manifold::testing
