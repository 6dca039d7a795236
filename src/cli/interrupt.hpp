// cli::InterruptWatcher: Ctrl-C / SIGTERM become a cancellation that the build cleans up after.
#pragma once

#include <atomic>
#include <csignal>
#include <stop_token>
#include <thread>

namespace manifold::cli {

/// Blocks SIGINT, SIGTERM and SIGHUP in this process (construct it before any thread starts,
/// so every thread inherits the mask) and waits for them on a thread of its own: the first
/// one stops token(), so running containers are killed, mounts and scratch space are removed
/// and nothing half-written is left; a second one exits at once. Restores the mask on exit.
class InterruptWatcher {
 public:
  InterruptWatcher();
  ~InterruptWatcher();
  InterruptWatcher(const InterruptWatcher&) = delete;
  InterruptWatcher& operator=(const InterruptWatcher&) = delete;

  std::stop_token token() const { return stop_.get_token(); }
  /// The signal that arrived, or 0.
  int signal() const { return signal_.load(); }

 private:
  sigset_t previous_;
  std::stop_source stop_;
  std::atomic<int> signal_{0};
  std::jthread waiter_;
};

}  // namespace manifold::cli
