// util::HugeBuffer: a big scratch buffer backed by transparent huge pages where the kernel has them.
#pragma once

#include <cstddef>
#include <span>

namespace manifold::util {

/// An anonymous, 2 MiB-aligned mapping of at least `size` bytes (rounded up to 2 MiB), advised
/// MADV_HUGEPAGE. Why: on the virtual machines manifold is measured on, each first touch of a
/// 4 KiB page costs 10-25 µs (a page fault that exits to the hypervisor), so a process that
/// fills a few MiB of fresh buffers once (a no-op rebuild writing its archive) spent 10 ms in
/// faults; one 2 MiB huge page faults once (0.15 ms measured for 2 MiB against 5-9 ms in 4 KiB
/// pages). Where huge pages are off (`transparent_hugepage/enabled` = never) it behaves as a
/// plain mapping. Contents start zeroed. Move-only (a moved-from buffer is empty); unmapped on
/// destruction.
class HugeBuffer {
 public:
  static constexpr size_t kHugePage = size_t{2} << 20;

  HugeBuffer() = default;
  /// Maps the buffer; throws std::bad_alloc when the kernel refuses the mapping.
  explicit HugeBuffer(size_t size);
  ~HugeBuffer();
  HugeBuffer(HugeBuffer&& other) noexcept;
  HugeBuffer& operator=(HugeBuffer&& other) noexcept;
  HugeBuffer(const HugeBuffer&) = delete;
  HugeBuffer& operator=(const HugeBuffer&) = delete;

  char* data() const { return data_; }
  size_t size() const { return size_; }
  std::span<char> span() const { return {data_, size_}; }
  explicit operator bool() const { return data_ != nullptr; }

 private:
  char* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace manifold::util
