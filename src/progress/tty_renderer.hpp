// TtyRenderer: a live view redrawn in place, grouped by platform, with elapsed times.
#pragma once

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "progress/sink.hpp"

namespace manifold::progress {

/// Redraws the whole view about ten times a second on terminal `fd`: a header with the total
/// elapsed time and done/total counts, then one block per platform (vertices shared by several
/// platforms under "shared"), each vertex with its state and time (cached ones as
/// "=> CACHED name"), bytes transferred with the rate ("12.3MiB / 40.0MiB 8.1MiB/s"; a running
/// vertex with several transfers — layers, blobs — lists each on a "=> =>" line below it), and
/// the last log lines of running vertices. Close() stops the redraw thread and draws the final view
/// once, ending with a summary line: total time, steps, cache hits.
class TtyRenderer final : public Sink {
 public:
  explicit TtyRenderer(int fd);
  ~TtyRenderer() override;
  void Emit(const Event& event) override;
  void Close() override;

  /// The view as text for a given width (exposed for tests); `final` adds the summary line
  /// that Close() draws. Not thread-safe against Emit: the caller serializes them.
  std::string Render(int width, Clock::time_point now, bool final = false);

 private:
  struct VertexView {
    std::string name;
    std::string group;
    EventKind state = EventKind::kStarted;
    bool started = false;
    Clock::time_point start;
    Clock::time_point end;
    std::deque<std::string> logs;
    std::string error;
    std::vector<std::string> warnings;
    // Byte progress: the vertex's line shows the sum over its statuses (a layer, a blob); a
    // running vertex with several lists each below it.
    struct Transfer {
      int64_t current = 0;
      int64_t total = 0;
      Clock::time_point since;  // where the rate is measured from: start, or first bytes event
      int64_t base = 0;         // bytes already done at `since`
      Clock::time_point at;     // the latest bytes event
    };
    Transfer bytes;  // the sum
    bool has_bytes = false;
    std::vector<std::pair<std::string, Transfer>> statuses;  // in order of first report
  };
  static std::string TransferText(const VertexView::Transfer& t);
  void Loop();
  void Draw(bool final);

  int fd_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool closing_ = false;
  bool closed_ = false;
  Clock::time_point begin_ = Clock::now();
  std::vector<std::string> order_;  // vertex ids in order of appearance
  std::map<std::string, VertexView> vertices_;
  int lines_drawn_ = 0;
  std::thread thread_;
};

}  // namespace manifold::progress
