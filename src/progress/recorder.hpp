// Recorder: a Sink that keeps every event, for tests and for summaries after a build.
#pragma once

#include <mutex>
#include <vector>

#include "progress/sink.hpp"

namespace manifold::progress {

/// Stores events in arrival order. Thread-safe.
class Recorder final : public Sink {
 public:
  void Emit(const Event& event) override {
    std::lock_guard lock(mu_);
    events_.push_back(event);
  }
  std::vector<Event> events() const {
    std::lock_guard lock(mu_);
    return events_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<Event> events_;
};

/// Forwards every event to two sinks (a renderer and a recorder).
class Tee final : public Sink {
 public:
  Tee(Sink* a, Sink* b) : a_(a), b_(b) {}
  void Emit(const Event& event) override {
    a_->Emit(event);
    b_->Emit(event);
  }
  void Close() override {
    a_->Close();
    b_->Close();
  }

 private:
  Sink* a_;
  Sink* b_;
};

}  // namespace manifold::progress
