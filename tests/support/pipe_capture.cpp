// A pipe drained by a thread while the test's writer fills it.
#include "support/pipe_capture.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <thread>

#include <gtest/gtest.h>

namespace manifold::testing {

std::string CaptureThroughPipe(const std::function<void(int fd)>& write) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "pipe2 failed";
    return "";
  }
  std::string piped;
  std::thread drain([&piped, read_end = fds[0]] {
    char buf[65536];
    ssize_t n;
    while ((n = ::read(read_end, buf, sizeof buf)) > 0) piped.append(buf, static_cast<size_t>(n));
    ::close(read_end);
  });
  write(fds[1]);
  ::close(fds[1]);  // the reader's end of file
  drain.join();
  return piped;
}

}  // namespace manifold::testing
