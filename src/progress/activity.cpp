// Activity: a phase reported as a vertex.
#include "progress/activity.hpp"

namespace manifold::progress {

Activity::Activity(Sink& sink, std::string vertex, std::string name, std::vector<std::string> platforms)
    : sink_(sink), vertex_(std::move(vertex)), name_(std::move(name)), platforms_(std::move(platforms)) {
  sink_.Emit(Make(EventKind::kStarted));
}

Activity::~Activity() {
  std::lock_guard lock(mu_);
  if (!finished_) sink_.Emit(Make(EventKind::kCancelled));
}

Event Activity::Make(EventKind kind, std::string text) const {
  Event e;
  e.kind = kind;
  e.vertex = vertex_;
  e.name = name_;
  e.platforms = platforms_;
  e.text = std::move(text);
  return e;
}

void Activity::Log(std::string text) {
  std::lock_guard lock(mu_);
  if (!finished_) sink_.Emit(Make(EventKind::kLog, std::move(text)));
}

void Activity::Bytes(const std::string& status, int64_t current, int64_t total) {
  Event e = Make(EventKind::kBytes, status);
  e.current = current;
  e.total = total;
  std::lock_guard lock(mu_);
  if (finished_) return;
  auto [it, first] = last_bytes_.try_emplace(status);
  Sent& last = it->second;
  bool complete = total > 0 && current >= total;
  if (!first && current == last.current && total == last.total) return;  // nothing new to say
  if (!first && !complete && e.time - last.time < kBytesInterval) return;
  last = {e.time, current, total};
  sink_.Emit(e);
}

void Activity::Done() {
  std::lock_guard lock(mu_);
  if (finished_) return;
  finished_ = true;
  sink_.Emit(Make(EventKind::kDone));
}

void Activity::Fail(std::string text) {
  std::lock_guard lock(mu_);
  if (finished_) return;
  finished_ = true;
  sink_.Emit(Make(EventKind::kError, std::move(text)));
}

}  // namespace manifold::progress
