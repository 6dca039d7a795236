// The per-thread read buffer.
#include "util/read_buffer.hpp"

#include <memory>

namespace manifold::util {

std::span<char> ThreadReadBuffer() {
  constexpr size_t kSize = 1 << 20;
  thread_local std::unique_ptr<char[]> buffer(new char[kSize]);
  return {buffer.get(), kSize};
}

}  // namespace manifold::util
