// CountingSink: forwards events to another sink and counts cache hits, for the build summary.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "progress/sink.hpp"

namespace manifold::progress {

/// Forwards every event to `inner` (not owned; it must outlive this sink) and counts the
/// vertices that had a cached event: in all, and per target platform (a vertex shared by several
/// platforms counts in each). A vertex reported cached twice counts once. Thread-safe as long as
/// `inner` is.
class CountingSink final : public Sink {
 public:
  explicit CountingSink(Sink* inner) : inner_(inner) {}
  void Emit(const Event& event) override;
  void Close() override { inner_->Close(); }

  /// Distinct cached vertices so far.
  size_t cached() const;
  /// Distinct cached vertices that serve `platform` ("linux/arm64").
  size_t cached_for(std::string_view platform) const;

 private:
  Sink* inner_;
  mutable std::mutex mu_;
  std::set<std::string> cached_;
  std::map<std::string, size_t, std::less<>> cached_by_platform_;
};

}  // namespace manifold::progress
