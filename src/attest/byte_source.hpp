// ByteSource: bounded random-access reads of one file (or of bytes in memory, for tests/fuzzing).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::attest {

/// Random-access reads of a fixed-size file. Implementations are thread-compatible.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// The size in bytes when the source was opened.
  virtual uint64_t size() const = 0;
  /// Reads exactly out.size() bytes at `offset`. Errors: kInvalidArgument ("truncated") when
  /// the range is not inside size(), FailErrno kinds on I/O errors.
  virtual util::Status ReadAt(uint64_t offset, std::span<uint8_t> out) const = 0;
};

/// An open file descriptor (not owned; it must outlive this) of `size` bytes.
class FdByteSource final : public ByteSource {
 public:
  FdByteSource(int fd, uint64_t size, std::string name) : fd_(fd), size_(size), name_(std::move(name)) {}
  uint64_t size() const override { return size_; }
  util::Status ReadAt(uint64_t offset, std::span<uint8_t> out) const override;

 private:
  int fd_;
  uint64_t size_;
  std::string name_;
};

/// Bytes in memory (not copied; they must outlive this).
class MemoryByteSource final : public ByteSource {
 public:
  explicit MemoryByteSource(std::string_view bytes) : bytes_(bytes) {}
  uint64_t size() const override { return bytes_.size(); }
  util::Status ReadAt(uint64_t offset, std::span<uint8_t> out) const override;

 private:
  std::string_view bytes_;
};

}  // namespace manifold::attest
