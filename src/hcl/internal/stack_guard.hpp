// StackGuard: how much stack the recursive parser and evaluator have used, measured rather
// than assumed, since the same nesting costs ten times more stack under ASan than in a
// release build.
#pragma once

#include <cstdint>

namespace manifold::hcl::internal {

/// Stack the parser or the evaluator may use below the point where it started. The fixed
/// limits (kMaxNesting, kMaxTreeDepth) are reached first in optimised builds; this one first in
/// sanitizer builds, whose frames are far larger. Either way the input gets an error, never a
/// stack overflow, on a thread with the usual 8 MiB stack.
inline constexpr intptr_t kMaxStackBytes = 3 << 20;

class StackGuard {
 public:
  StackGuard() : base_(Here()) {}
  /// True once the current frame lies more than kMaxStackBytes below the guard's creation
  /// (stacks grow down on every platform manifold builds for).
  [[gnu::always_inline]] bool Exhausted() const { return base_ - Here() > kMaxStackBytes; }

 private:
  [[gnu::always_inline]] static intptr_t Here() {
    return reinterpret_cast<intptr_t>(__builtin_frame_address(0));
  }
  intptr_t base_;
};

}  // namespace manifold::hcl::internal
