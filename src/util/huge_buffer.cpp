// HugeBuffer: over-map, trim to a 2 MiB boundary, advise huge pages.
#include "util/huge_buffer.hpp"

#include <sys/mman.h>

#include <cstdint>
#include <new>
#include <utility>

namespace manifold::util {

HugeBuffer::HugeBuffer(size_t size) {
  size_t want = (size + kHugePage - 1) / kHugePage * kHugePage;
  if (want == 0) want = kHugePage;
  // mmap aligns to 4 KiB only: map one huge page more and unmap the unaligned ends, so that the
  // kernel can back every 2 MiB of the buffer with one huge page.
  size_t mapped = want + kHugePage;
  void* raw = ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  auto start = reinterpret_cast<uintptr_t>(raw);
  uintptr_t aligned = (start + kHugePage - 1) & ~(uintptr_t{kHugePage} - 1);
  if (aligned > start) ::munmap(raw, aligned - start);
  uintptr_t end = start + mapped;
  if (end > aligned + want) ::munmap(reinterpret_cast<void*>(aligned + want), end - (aligned + want));
  data_ = reinterpret_cast<char*>(aligned);
  size_ = want;
  // Advice only: refused (no THP in this kernel), the buffer is an ordinary mapping.
  ::madvise(data_, size_, MADV_HUGEPAGE);
}

HugeBuffer::~HugeBuffer() {
  if (data_ != nullptr) ::munmap(data_, size_);
}

HugeBuffer::HugeBuffer(HugeBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

HugeBuffer& HugeBuffer::operator=(HugeBuffer&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) ::munmap(data_, size_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

}  // namespace manifold::util
