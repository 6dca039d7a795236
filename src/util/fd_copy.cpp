// CopyFdData: copy_file_range, then sendfile, then read/write, each only where the last refused.
#include "util/fd_copy.hpp"

#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <string_view>

#include "util/read_buffer.hpp"
#include "util/temp_file.hpp"

namespace manifold::util {

namespace {

// The errors that mean "not this way here" rather than a failed copy: EXDEV (different
// filesystems before Linux 5.3 — and again since 5.19 across filesystem types), EINVAL (not
// a regular file, or unsupported), EOPNOTSUPP/ENOSYS (filesystem or kernel without it), EBADF
// (copy_file_range into an O_APPEND file).
bool Unsupported(int err) {
  return err == EXDEV || err == EINVAL || err == EOPNOTSUPP || err == ENOSYS || err == EBADF;
}

bool IsRegular(int fd) {
  struct stat st {};
  return ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

// Copies by `call(n)` (a kernel copy of at most n bytes) until `left` is 0, the input ends, or
// the kernel refuses this way (then the caller goes on another way from where this one got).
template <typename Call>
Result<int64_t> KernelCopy(int64_t left, std::string_view name, bool* refused, Call call) {
  int64_t done = 0;
  while (left > 0) {
    ssize_t n = call(static_cast<size_t>(std::min<int64_t>(left, int64_t{1} << 30)));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && Unsupported(errno)) {
      *refused = true;
      break;
    }
    if (n < 0) return FailErrno(errno, std::string(name));
    // 0 is the end of `in`, or a filesystem that copies nothing this way (procfs-like files
    // report 0): the next way finds out which.
    if (n == 0) {
      *refused = true;
      break;
    }
    done += n;
    left -= n;
  }
  return done;
}

}  // namespace

Result<int64_t> CopyFdData(int in, int out, int64_t size, Sha256* hash) {
  int64_t done = 0;
  if (hash == nullptr && size > 0) {
    bool refused = false;
    if (IsRegular(in) && IsRegular(out)) {
      done += MANIFOLD_TRY(KernelCopy(size, "copy_file_range", &refused, [&](size_t n) {
        return ::copy_file_range(in, nullptr, out, nullptr, n, 0);
      }));
    } else {
      refused = true;
    }
    if (refused && done < size) {
      refused = false;
      done += MANIFOLD_TRY(KernelCopy(size - done, "sendfile", &refused, [&](size_t n) {
        return ::sendfile(out, in, nullptr, n);
      }));
      if (!refused) return done;
    }
    if (done == size) return done;
  }
  done += MANIFOLD_TRY(ReadChunks(in, "read", [&](std::string_view chunk) -> Status {
    if (hash != nullptr) hash->Update(chunk);
    return WriteAll(out, chunk);
  }, size - done));
  return done;
}

}  // namespace manifold::util
