// The live terminal view.
#include "progress/tty_renderer.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>

#include <fmt/format.h>

#include "util/temp_file.hpp"

namespace manifold::progress {

namespace {
constexpr size_t kLogLinesShown = 6;

std::string Fit(std::string text, int width) {
  if (width > 4 && static_cast<int>(text.size()) > width) {
    text.resize(static_cast<size_t>(width - 3));
    text += "...";
  }
  return text;
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Binary units, as docker's pull progress: "512B", "12.3KiB", "40.0MiB", "1.2GiB".
std::string HumanBytes(double bytes) {
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return fmt::format("{}B", static_cast<int64_t>(bytes));
  size_t unit = 0;
  bytes /= 1024;
  while (bytes >= 1024 && unit + 1 < std::size(kUnits)) {
    bytes /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f}{}", bytes, kUnits[unit]);
}
}  // namespace

std::string TtyRenderer::TransferText(const VertexView::Transfer& t) {
  std::string bytes = t.total > 0 ? HumanBytes(static_cast<double>(t.current)) + " / " +
                                        HumanBytes(static_cast<double>(t.total))
                                  : HumanBytes(static_cast<double>(t.current));
  double span = Seconds(t.at - t.since);
  if (span > 0) bytes += " " + HumanBytes(static_cast<double>(t.current - t.base) / span) + "/s";
  return bytes;
}

TtyRenderer::TtyRenderer(int fd) : fd_(fd) { thread_ = std::thread([this] { Loop(); }); }

TtyRenderer::~TtyRenderer() { Close(); }

void TtyRenderer::Emit(const Event& event) {
  std::lock_guard lock(mu_);
  auto [it, is_new] = vertices_.try_emplace(event.vertex);
  VertexView& v = it->second;
  if (is_new) {
    order_.push_back(event.vertex);
    v.group = event.platforms.size() == 1 ? event.platforms[0] : "shared";
    v.start = event.time;
  }
  if (v.name.empty()) v.name = event.name;
  switch (event.kind) {
    case EventKind::kStarted:
      v.started = true;
      v.start = event.time;
      v.state = EventKind::kStarted;
      break;
    case EventKind::kLog:
      v.logs.push_back(event.text);
      if (v.logs.size() > kLogLinesShown) v.logs.pop_front();
      break;
    case EventKind::kBytes: {
      // A started vertex began its transfer when it started; otherwise the rate counts from
      // the first report.
      auto begin = [&](VertexView::Transfer& t, int64_t current) {
        t.since = v.started ? v.start : event.time;
        t.base = v.started ? 0 : current;
      };
      auto it = std::find_if(v.statuses.begin(), v.statuses.end(),
                             [&](const auto& s) { return s.first == event.text; });
      if (it == v.statuses.end()) {
        v.statuses.emplace_back(event.text, VertexView::Transfer{});
        it = std::prev(v.statuses.end());
        begin(it->second, event.current);
      }
      it->second.current = event.current;
      it->second.total = event.total;
      it->second.at = event.time;
      int64_t current = 0, total = 0;
      for (const auto& [name, t] : v.statuses) {
        current += t.current;
        total += t.total;
      }
      if (!v.has_bytes) {
        v.has_bytes = true;
        begin(v.bytes, current);
      }
      v.bytes.current = current;
      v.bytes.total = total;
      v.bytes.at = event.time;
      break;
    }
    case EventKind::kWarning:
      v.warnings.push_back(event.text);
      break;
    case EventKind::kError:
      v.error = event.text;
      [[fallthrough]];
    case EventKind::kCached:
    case EventKind::kDone:
    case EventKind::kCancelled:
      v.state = event.kind;
      v.end = event.time;
      break;
  }
}

std::string TtyRenderer::Render(int width, Clock::time_point now, bool final) {
  size_t done = 0, cached = 0;
  bool failed = false;
  for (auto& [id, v] : vertices_) {
    if (v.state == EventKind::kDone || v.state == EventKind::kCached) ++done;
    if (v.state == EventKind::kCached) ++cached;
    if (v.state == EventKind::kError) failed = true;
  }
  double total_secs = Seconds(now - begin_);
  std::string out = fmt::format("[+] Building {:.1f}s ({}/{}){}\n", total_secs, done, vertices_.size(),
                                final && !failed ? " FINISHED" : "");
  std::vector<std::string> groups;
  for (const auto& id : order_) {
    const auto& g = vertices_[id].group;
    if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
  }
  for (const auto& group : groups) {
    out += fmt::format(" {}\n", group);
    for (const auto& id : order_) {
      const VertexView& v = vertices_[id];
      if (v.group != group) continue;
      std::string status;
      bool running = v.state == EventKind::kStarted;
      switch (v.state) {
        case EventKind::kError: status = "ERROR "; break;
        case EventKind::kCancelled: status = "CANCELED "; break;
        default: break;
      }
      double secs = Seconds((running ? now : v.end) - v.start);
      std::string right = fmt::format("{}{:.1f}s", status, secs);
      if (v.has_bytes) right = TransferText(v.bytes) + " " + right;
      // BuildKit's marker: a cached step is named as such, its time is the lookup's (~0).
      std::string left = fmt::format(" => {}{}", v.state == EventKind::kCached ? "CACHED " : "", v.name);
      int room = width - static_cast<int>(right.size()) - 1;
      left = Fit(left, room);
      out += left + std::string(static_cast<size_t>(std::max(1, room - static_cast<int>(left.size()) + 1)), ' ') +
             right + "\n";
      if (running && v.statuses.size() > 1) {
        for (const auto& [name, t] : v.statuses) {
          std::string bytes = TransferText(t);
          std::string sub = Fit(" => => " + name, width - static_cast<int>(bytes.size()) - 1);
          int gap = std::max(1, width - static_cast<int>(sub.size() + bytes.size()));
          out += sub + std::string(static_cast<size_t>(gap), ' ') + bytes + "\n";
        }
      }
      if (running) {
        for (const auto& line : v.logs) out += Fit(" => => # " + line, width) + "\n";
      }
      for (const auto& warning : v.warnings) out += Fit(" => => WARN: " + warning, width) + "\n";
      if (!v.error.empty()) out += Fit(" => => ERROR: " + v.error, width) + "\n";
    }
  }
  if (final) {
    out += Fit(fmt::format("{} {:.1f}s: {} step{}, {} cached", failed ? "Failed after" : "Finished in", total_secs,
                           vertices_.size(), vertices_.size() == 1 ? "" : "s", cached),
               width) +
           "\n";
  }
  return out;
}

void TtyRenderer::Draw(bool final) {
  // Nothing happened yet (or at all: a --call, an early error): no empty "Building" frame.
  if (vertices_.empty()) return;
  winsize ws{};
  int width = (::ioctl(fd_, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) ? ws.ws_col : 100;
  std::string view = Render(width, Clock::now(), final);
  std::string out;
  // Move to the start of the previous view and clear it; the view is then drawn anew.
  if (lines_drawn_ > 0) out += fmt::format("\x1b[{}A\r\x1b[J", lines_drawn_);
  out += view;
  lines_drawn_ = static_cast<int>(std::count(view.begin(), view.end(), '\n'));
  if (final) lines_drawn_ = 0;
  (void)util::WriteAll(fd_, out);
}

void TtyRenderer::Loop() {
  std::unique_lock lock(mu_);
  while (!closing_) {
    wake_.wait_for(lock, std::chrono::milliseconds(100));
    if (!closing_) Draw(false);
  }
}

void TtyRenderer::Close() {
  {
    std::lock_guard lock(mu_);
    if (closed_) return;
    closed_ = true;
    closing_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mu_);
  Draw(true);
}

}  // namespace manifold::progress
