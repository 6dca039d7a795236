// Counting cache hits on their way to the renderer.
#include "progress/counting_sink.hpp"

namespace manifold::progress {

void CountingSink::Emit(const Event& event) {
  if (event.kind == EventKind::kCached) {
    std::lock_guard lock(mu_);
    if (cached_.insert(event.vertex).second) {
      for (const auto& p : event.platforms) ++cached_by_platform_[p];
    }
  }
  inner_->Emit(event);
}

size_t CountingSink::cached() const {
  std::lock_guard lock(mu_);
  return cached_.size();
}

size_t CountingSink::cached_for(std::string_view platform) const {
  std::lock_guard lock(mu_);
  auto it = cached_by_platform_.find(platform);
  return it == cached_by_platform_.end() ? 0 : it->second;
}

}  // namespace manifold::progress
