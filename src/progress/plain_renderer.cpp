// Plain progress lines.
#include "progress/plain_renderer.hpp"

#include <fmt/format.h>

#include "util/temp_file.hpp"

namespace manifold::progress {

void PlainRenderer::Line(const std::string& text) {
  // Progress is best effort: a closed stderr must not fail the build.
  (void)util::WriteAll(fd_, text + "\n");
}

void PlainRenderer::BytesLine(const VertexState& state, const std::string& status, int64_t current, int64_t total,
                              Clock::time_point at) {
  double seconds = std::chrono::duration<double>(at - state.started).count();
  // BuildKit's status line: "#5 sha256:ab12… 3.15MB / 3.40MB 0.2s".
  if (total > 0) {
    Line(fmt::format("#{} {} {:.2f}MB / {:.2f}MB {:.1f}s", state.number, status, current / 1e6, total / 1e6, seconds));
  } else {
    Line(fmt::format("#{} {} {:.2f}MB {:.1f}s", state.number, status, current / 1e6, seconds));
  }
}

void PlainRenderer::Emit(const Event& event) {
  std::lock_guard lock(mu_);
  auto [it, is_new] = vertices_.try_emplace(event.vertex);
  VertexState& state = it->second;
  if (is_new) {
    state.number = next_number_++;
    state.started = event.time;
    Line(fmt::format("\n#{} {}", state.number, event.name));
  }
  double seconds = std::chrono::duration<double>(event.time - state.started).count();
  switch (event.kind) {
    case EventKind::kStarted:
      state.started = event.time;
      break;
    case EventKind::kCached:
      Line(fmt::format("#{} CACHED", state.number));
      break;
    case EventKind::kLog:
      Line(fmt::format("#{} {:.3f} {}", state.number, seconds, event.text));
      break;
    case EventKind::kBytes: {
      auto [status, first] = state.statuses.try_emplace(event.text);
      // The same numbers again (an uploader's last chunk, then its end): one line is enough.
      if (!first && status->second.printed && status->second.current == event.current &&
          status->second.total == event.total) {
        break;
      }
      status->second.current = event.current;
      status->second.total = event.total;
      bool complete = event.total > 0 && event.current >= event.total;
      // A log of a long transfer stays readable: a line a second, not one per chunk.
      if (!first && !complete && event.time - state.bytes_printed < kBytesInterval) {
        status->second.printed = false;
        break;
      }
      status->second.printed = true;
      state.bytes_printed = event.time;
      BytesLine(state, event.text, event.current, event.total, event.time);
      break;
    }
    case EventKind::kDone:
      for (auto& [name, status] : state.statuses) {
        if (!status.printed) BytesLine(state, name, status.current, status.total, event.time);
        status.printed = true;
      }
      Line(fmt::format("#{} DONE {:.1f}s", state.number, seconds));
      break;
    case EventKind::kError:
      Line(fmt::format("#{} ERROR: {}", state.number, event.text));
      break;
    case EventKind::kCancelled:
      Line(fmt::format("#{} CANCELED", state.number));
      break;
    case EventKind::kWarning:
      Line(fmt::format("#{} WARN: {}", state.number, event.text));
      break;
  }
}

}  // namespace manifold::progress
