// PlainRenderer: BuildKit-like plain progress lines ("#5 [linux/arm64 2/4] COPY ..." / "#5 DONE 0.1s").
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "progress/sink.hpp"

namespace manifold::progress {

/// Writes one line per event to `fd`, numbering vertices in order of first appearance, with a
/// blank line between vertices as BuildKit's plain mode does. Byte progress is sampled, not
/// printed per event: a status's first report and its completion (current == total) always
/// print, other reports at most once per kBytesInterval per vertex, and a status whose last
/// report was skipped prints it before the vertex's DONE. Thread-safe.
class PlainRenderer final : public Sink {
 public:
  explicit PlainRenderer(int fd) : fd_(fd) {}
  void Emit(const Event& event) override;

  static constexpr auto kBytesInterval = std::chrono::seconds(1);

 private:
  struct Status {
    int64_t current = 0, total = 0;
    bool printed = true;  // the latest report is on screen
  };
  struct VertexState {
    int number = 0;
    Clock::time_point started;
    Clock::time_point bytes_printed;  // the last sampled bytes line
    std::map<std::string, Status> statuses;
  };
  void Line(const std::string& text);
  void BytesLine(const VertexState& state, const std::string& status, int64_t current, int64_t total,
                 Clock::time_point at);

  int fd_;
  std::mutex mu_;
  std::map<std::string, VertexState> vertices_;
  int next_number_ = 1;
};

}  // namespace manifold::progress
