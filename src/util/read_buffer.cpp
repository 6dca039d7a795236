// The per-thread read buffer.
#include "util/read_buffer.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>

namespace manifold::util {

std::span<char> ThreadReadBuffer() {
  constexpr size_t kSize = 1 << 20;
  thread_local std::unique_ptr<char[]> buffer(new char[kSize]);
  return {buffer.get(), kSize};
}

Result<int64_t> ReadChunks(int fd, std::string_view what, const std::function<Status(std::string_view)>& each,
                           int64_t max) {
  const std::span<char> buf = ThreadReadBuffer();
  int64_t done = 0;
  while (done < max) {
    ssize_t n = ::read(fd, buf.data(), static_cast<size_t>(std::min<int64_t>(max - done, static_cast<int64_t>(buf.size()))));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return FailErrno(errno, what);
    if (n == 0) break;
    MANIFOLD_CHECK(each(std::string_view(buf.data(), static_cast<size_t>(n))));
    done += n;
  }
  return done;
}

}  // namespace manifold::util
