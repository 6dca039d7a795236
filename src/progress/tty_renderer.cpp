// The live terminal view.
#include "progress/tty_renderer.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>

#include <fmt/format.h>

#include "util/temp_file.hpp"

namespace manifold::progress {

namespace {
constexpr size_t kLogLinesShown = 4;

std::string Fit(std::string text, int width) {
  if (width > 4 && static_cast<int>(text.size()) > width) {
    text.resize(static_cast<size_t>(width - 3));
    text += "...";
  }
  return text;
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
}  // namespace

TtyRenderer::TtyRenderer(int fd) : fd_(fd) { thread_ = std::thread([this] { Loop(); }); }

TtyRenderer::~TtyRenderer() { Close(); }

void TtyRenderer::Emit(const Event& event) {
  std::lock_guard lock(mu_);
  auto [it, is_new] = vertices_.try_emplace(event.vertex);
  VertexView& v = it->second;
  if (is_new) {
    order_.push_back(event.vertex);
    v.name = event.name;
    v.group = event.platforms.size() == 1 ? event.platforms[0] : "shared";
    v.start = event.time;
  }
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
    case EventKind::kBytes:
      v.current = event.current;
      v.total = event.total;
      break;
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

std::string TtyRenderer::Render(int width, Clock::time_point now) {
  size_t done = 0;
  for (auto& [id, v] : vertices_) {
    if (v.state == EventKind::kDone || v.state == EventKind::kCached) ++done;
  }
  std::string out = fmt::format("[+] Building {:.1f}s ({}/{})\n", Seconds(now - begin_), done,
                                vertices_.size());
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
        case EventKind::kCached: status = "CACHED"; break;
        case EventKind::kError: status = "ERROR"; break;
        case EventKind::kCancelled: status = "CANCELED"; break;
        default: break;
      }
      double secs = Seconds((running ? now : v.end) - v.start);
      std::string right = status.empty() ? fmt::format("{:.1f}s", secs)
                                         : fmt::format("{} {:.1f}s", status, secs);
      if (running && v.total > 0) {
        right = fmt::format("{:.1f}/{:.1f}MB ", v.current / 1e6, v.total / 1e6) + right;
      }
      std::string left = fmt::format(" {} {}", running ? "=>" : "=>", v.name);
      int room = width - static_cast<int>(right.size()) - 1;
      left = Fit(left, room);
      out += left + std::string(static_cast<size_t>(std::max(1, room - static_cast<int>(left.size()) + 1)), ' ') +
             right + "\n";
      if (running) {
        for (const auto& line : v.logs) out += Fit(" => => # " + line, width) + "\n";
      }
      for (const auto& warning : v.warnings) out += Fit(" => => WARN: " + warning, width) + "\n";
      if (!v.error.empty()) out += Fit(" => => ERROR: " + v.error, width) + "\n";
    }
  }
  return out;
}

void TtyRenderer::Draw(bool final) {
  winsize ws{};
  int width = (::ioctl(fd_, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) ? ws.ws_col : 100;
  std::string view = Render(width, Clock::now());
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
