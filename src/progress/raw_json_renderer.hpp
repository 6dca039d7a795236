// RawJsonRenderer: one JSON object per event, for machines (--progress=rawjson).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "progress/sink.hpp"

namespace manifold::progress {

/// Writes each event as one line of JSON (the format is docs/progress-rawjson.md):
/// "vertex", "name", "kind", "platforms", "elapsed" (seconds since the renderer began), wall-clock
/// "started" (from the vertex's started event on, repeated on its later events) and "completed"
/// (on done, error, cached and cancelled events) as RFC 3339 UTC timestamps; "cached": true on
/// cached events, "error" on error events, "logs" on log events, "statuses" (and "current",
/// "total") on bytes events, and "text" whenever the event carries one. Thread-safe.
class RawJsonRenderer final : public Sink {
 public:
  explicit RawJsonRenderer(int fd);
  void Emit(const Event& event) override;

 private:
  std::string Timestamp(Clock::time_point t) const;

  int fd_;
  std::mutex mu_;
  // Events carry steady-clock times; one pair of readings maps them onto the wall clock, so
  // timestamps stay ordered even if the wall clock is stepped during the build.
  Clock::time_point begin_ = Clock::now();
  std::chrono::system_clock::time_point wall_begin_ = std::chrono::system_clock::now();
  std::map<std::string, Clock::time_point> started_;  // vertex → its started event's time
};

/// The lower-case name of an event kind ("started", "cached", ...).
const char* EventKindName(EventKind kind);

/// `t` as an RFC 3339 UTC timestamp with nanoseconds: "2024-05-01T12:34:56.123456789Z".
std::string FormatRfc3339(std::chrono::system_clock::time_point t);

}  // namespace manifold::progress
