// PlainRenderer: BuildKit-like plain progress lines ("#5 [linux/arm64 2/4] COPY ..." / "#5 DONE 0.1s").
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "progress/sink.hpp"

namespace manifold::progress {

/// Writes one line per event to `fd`, numbering vertices in order of first appearance, with a
/// blank line between vertices as BuildKit's plain mode does. Thread-safe.
class PlainRenderer final : public Sink {
 public:
  explicit PlainRenderer(int fd) : fd_(fd) {}
  void Emit(const Event& event) override;

 private:
  struct VertexState {
    int number = 0;
    Clock::time_point started;
  };
  void Line(const std::string& text);

  int fd_;
  std::mutex mu_;
  std::map<std::string, VertexState> vertices_;
  int next_number_ = 1;
};

}  // namespace manifold::progress
