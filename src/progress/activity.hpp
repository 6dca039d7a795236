// Activity: one phase of work that is not a build step (exporting layers, pushing, writing an
// archive) shown as a vertex of its own, with sub-lines and byte progress.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "progress/sink.hpp"

namespace manifold::progress {

/// Emits Started for `vertex` on construction and Done, an error or Cancelled once at the end;
/// Log and Bytes in between. The exporter, builder and cache layers report their phases through
/// it, so every renderer shows them as it shows steps. Thread-safe (Log and Bytes may come from
/// upload threads).
class Activity {
 public:
  /// `vertex`: a stable id ("export:layers"); `name`: what the user sees ("exporting layers");
  /// `platforms`: the target platforms the phase serves (empty = the whole build, all of them).
  Activity(Sink& sink, std::string vertex, std::string name, std::vector<std::string> platforms = {});
  Activity(const Activity&) = delete;
  Activity& operator=(const Activity&) = delete;
  /// An activity left unfinished (an error returned early past it) is reported Cancelled.
  ~Activity();

  /// One sub-line ("sha256:ab12… already exists").
  void Log(std::string text);
  /// Byte progress of one part of the phase, named `status` (a layer, a blob): `current` of
  /// `total` (0 = unknown). At most one event per status every kBytesInterval, except the first
  /// and a complete one (current == total), which always go out; a report equal to the last one
  /// emitted for that status is dropped.
  void Bytes(const std::string& status, int64_t current, int64_t total);
  /// The phase succeeded.
  void Done();
  /// The phase failed with `text` (the error, as the user will read it).
  void Fail(std::string text);
  /// Done() when `status` holds a value, Fail(its error) otherwise; returns `status` unchanged.
  template <class T>
  T Finish(T status) {
    if (status) Done();
    else Fail(status.error().What());
    return status;
  }

  static constexpr auto kBytesInterval = std::chrono::milliseconds(100);

 private:
  Event Make(EventKind kind, std::string text = {}) const;

  Sink& sink_;
  std::string vertex_, name_;
  std::vector<std::string> platforms_;
  std::mutex mu_;
  bool finished_ = false;
  struct Sent {
    Clock::time_point time;
    int64_t current = 0, total = 0;
  };
  std::map<std::string, Sent, std::less<>> last_bytes_;  // the last report emitted per status
};

}  // namespace manifold::progress
