// util::ScopeExit: run a function when a scope ends, however it ends.
#pragma once

#include <functional>
#include <utility>

namespace manifold::util {

/// Calls `fn` once when destroyed (cleanup that must happen on error returns too).
class ScopeExit {
 public:
  explicit ScopeExit(std::function<void()> fn) : fn_(std::move(fn)) {}
  ~ScopeExit() {
    if (fn_) fn_();
  }
  ScopeExit(const ScopeExit&) = delete;
  ScopeExit& operator=(const ScopeExit&) = delete;

 private:
  std::function<void()> fn_;
};

}  // namespace manifold::util
