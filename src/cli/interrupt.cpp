// InterruptWatcher: a sigtimedwait loop on a thread; the rest of the process never sees the signal.
#include "cli/interrupt.hpp"

#include <pthread.h>
#include <unistd.h>

#include <ctime>
#include <cstdlib>

namespace manifold::cli {
namespace {

sigset_t Watched() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

}  // namespace

InterruptWatcher::InterruptWatcher() {
  sigset_t set = Watched();
  pthread_sigmask(SIG_BLOCK, &set, &previous_);
  // A shell starts background jobs with SIGINT ignored, and an ignored signal is dropped
  // before sigtimedwait could take it: while blocked, the default action cannot hurt.
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::signal(sig, SIG_DFL);
  waiter_ = std::jthread([this](std::stop_token done) {
    sigset_t watched = Watched();
    timespec tick{0, 100'000'000};
    while (!done.stop_requested()) {
      int sig = ::sigtimedwait(&watched, nullptr, &tick);
      if (sig <= 0 || done.stop_requested()) continue;  // the destructor's wake-up is not a signal to act on
      if (signal_.exchange(sig) != 0) _exit(128 + sig);  // asked twice: stop now
      constexpr char kMessage[] = "\ninterrupted: stopping the build and cleaning up (again to exit at once)\n";
      (void)::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
      stop_.request_stop();
    }
  });
}

InterruptWatcher::~InterruptWatcher() {
  waiter_.request_stop();
  // Wakes the waiter now rather than at its next tick: a finished build exits at once
  // instead of up to 100 ms later (measured: a third of a warm no-op rebuild's time).
  ::pthread_kill(waiter_.native_handle(), SIGTERM);
  waiter_.join();
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

}  // namespace manifold::cli
