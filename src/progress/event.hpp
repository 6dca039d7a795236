// Progress events: what the solver and worker report about each vertex of a build.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace manifold::progress {

using Clock = std::chrono::steady_clock;

enum class EventKind {
  kStarted,  ///< the vertex began running
  kCached,   ///< the vertex's result came from the cache; no Started/Done follow
  kLog,      ///< one line of output (text), e.g. a RUN step's stdout/stderr
  kBytes,    ///< progress of a transfer: current of total bytes (total 0 = unknown)
  kDone,     ///< the vertex finished successfully
  kError,    ///< the vertex failed (text = the error); the build stops
  kCancelled,///< the vertex was stopped because another one failed
  kWarning,  ///< a build check's finding about the vertex (text = "Rule: description"); the
             ///< vertex goes on
};

/// One event about one vertex. `vertex` is a stable id (the vertex digest); `name` is what the
/// user sees ("[linux/arm64 stage-1 2/4] COPY a /b"); `platforms` lists the target platforms the
/// vertex serves (several when one vertex is shared), for grouping in the tty view.
struct Event {
  EventKind kind = EventKind::kStarted;
  std::string vertex;
  std::string name;
  std::vector<std::string> platforms;
  std::string text;
  int64_t current = 0;
  int64_t total = 0;
  Clock::time_point time = Clock::now();
};

}  // namespace manifold::progress
