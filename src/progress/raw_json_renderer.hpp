// RawJsonRenderer: one JSON object per event, for machines (--progress=rawjson).
#pragma once

#include <mutex>

#include "progress/sink.hpp"

namespace manifold::progress {

/// Writes each event as one line of JSON: {"vertex","name","kind","platforms","text",
/// "current","total","elapsed"} (elapsed in seconds since the renderer began). Thread-safe.
class RawJsonRenderer final : public Sink {
 public:
  explicit RawJsonRenderer(int fd) : fd_(fd) {}
  void Emit(const Event& event) override;

 private:
  int fd_;
  std::mutex mu_;
  Clock::time_point begin_ = Clock::now();
};

/// The lower-case name of an event kind ("started", "cached", ...).
const char* EventKindName(EventKind kind);

}  // namespace manifold::progress
