// JSON-lines progress.
#include "progress/raw_json_renderer.hpp"

#include <nlohmann/json.hpp>

#include "util/temp_file.hpp"

namespace manifold::progress {

const char* EventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::kStarted: return "started";
    case EventKind::kCached: return "cached";
    case EventKind::kLog: return "log";
    case EventKind::kBytes: return "bytes";
    case EventKind::kDone: return "done";
    case EventKind::kError: return "error";
    case EventKind::kCancelled: return "cancelled";
    case EventKind::kWarning: return "warning";
  }
  return "unknown";
}

void RawJsonRenderer::Emit(const Event& event) {
  nlohmann::json j = {
      {"vertex", event.vertex},
      {"name", event.name},
      {"kind", EventKindName(event.kind)},
      {"platforms", event.platforms},
      {"elapsed", std::chrono::duration<double>(event.time - begin_).count()},
  };
  if (!event.text.empty()) j["text"] = event.text;
  if (event.kind == EventKind::kBytes) {
    j["current"] = event.current;
    j["total"] = event.total;
  }
  std::lock_guard lock(mu_);
  // Invalid UTF-8 in a log line is replaced rather than aborting the dump.
  (void)util::WriteAll(fd_, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

}  // namespace manifold::progress
