// Sink: where progress events go. Renderers implement it; the solver only emits.
#pragma once

#include <memory>
#include <string_view>

#include "progress/event.hpp"

namespace manifold::progress {

/// Receives events from any thread. Implementations must be thread-safe.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void Emit(const Event& event) = 0;
  /// Called once when the build is over (success or not): flush, stop redrawing.
  virtual void Close() {}
};

/// Discards everything (library callers and tests that do not care).
class NullSink final : public Sink {
 public:
  void Emit(const Event&) override {}
};

enum class Mode { kAuto, kPlain, kTty, kRawJson, kQuiet };

/// Parses --progress values: auto, plain, tty, rawjson, quiet. Unknown → nullopt-like false.
bool ParseMode(std::string_view text, Mode* mode);

/// A renderer for `mode` writing to the file descriptor `fd` (stderr in the cli). kAuto picks
/// tty when `fd` is a terminal (and TERM is not "dumb"), plain otherwise.
std::unique_ptr<Sink> MakeRenderer(Mode mode, int fd);

}  // namespace manifold::progress
