// File and memory ByteSources.
#include "attest/byte_source.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace manifold::attest {

namespace {

util::Status CheckRange(uint64_t offset, size_t count, uint64_t size) {
  if (offset > size || count > size - offset) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "truncated: {} bytes at offset {} are past the end ({} bytes)",
                      count, offset, size);
  }
  return {};
}

}  // namespace

util::Status FdByteSource::ReadAt(uint64_t offset, std::span<uint8_t> out) const {
  MANIFOLD_CHECK(CheckRange(offset, out.size(), size_));
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return util::FailErrno(errno, "read " + name_);
    if (n == 0) return util::Fail(util::ErrorKind::kInvalidArgument, "{}: truncated while read", name_);
    done += static_cast<size_t>(n);
  }
  return {};
}

util::Status MemoryByteSource::ReadAt(uint64_t offset, std::span<uint8_t> out) const {
  MANIFOLD_CHECK(CheckRange(offset, out.size(), bytes_.size()));
  if (!out.empty()) std::memcpy(out.data(), bytes_.data() + offset, out.size());
  return {};
}

}  // namespace manifold::attest
