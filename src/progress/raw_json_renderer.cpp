// JSON-lines progress.
#include "progress/raw_json_renderer.hpp"

#include <ctime>

#include <fmt/format.h>
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

std::string FormatRfc3339(std::chrono::system_clock::time_point t) {
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  // Floor division, so that instants before 1970 still get a fraction in [0, 1e9).
  int64_t secs = ns / 1'000'000'000;
  int64_t frac = ns % 1'000'000'000;
  if (frac < 0) {
    frac += 1'000'000'000;
    secs -= 1;
  }
  std::time_t tt = static_cast<std::time_t>(secs);
  std::tm tm{};
  ::gmtime_r(&tt, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:09}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
}

RawJsonRenderer::RawJsonRenderer(int fd) : fd_(fd) {}

std::string RawJsonRenderer::Timestamp(Clock::time_point t) const {
  return FormatRfc3339(wall_begin_ + std::chrono::duration_cast<std::chrono::system_clock::duration>(t - begin_));
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
  switch (event.kind) {
    case EventKind::kCached:
      j["cached"] = true;
      j["completed"] = Timestamp(event.time);
      break;
    case EventKind::kError:
      j["error"] = event.text;
      j["completed"] = Timestamp(event.time);
      break;
    case EventKind::kDone:
    case EventKind::kCancelled:
      j["completed"] = Timestamp(event.time);
      break;
    case EventKind::kLog:
      j["logs"] = nlohmann::json::array({event.text});
      break;
    case EventKind::kBytes:
      j["current"] = event.current;
      j["total"] = event.total;
      j["statuses"] = nlohmann::json::array(
          {{{"id", event.text}, {"name", event.text}, {"current", event.current}, {"total", event.total}}});
      break;
    case EventKind::kStarted:
    case EventKind::kWarning:
      break;
  }
  std::lock_guard lock(mu_);
  if (event.kind == EventKind::kStarted) started_[event.vertex] = event.time;
  if (auto it = started_.find(event.vertex); it != started_.end()) j["started"] = Timestamp(it->second);
  // Invalid UTF-8 in a log line is replaced rather than aborting the dump.
  (void)util::WriteAll(fd_, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

}  // namespace manifold::progress
