// Tests of the plain, tty and rawjson renderers on a pipe.
#include <fcntl.h>
#include <unistd.h>

#include <cctype>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "progress/activity.hpp"
#include "progress/counting_sink.hpp"
#include "progress/plain_renderer.hpp"
#include "progress/recorder.hpp"
#include "progress/raw_json_renderer.hpp"
#include "progress/tty_renderer.hpp"
#include "util/error.hpp"

namespace manifold::progress {
namespace {

std::string Drain(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

Event Make(EventKind kind, std::string vertex, std::string name, std::string text = "") {
  Event e;
  e.kind = kind;
  e.vertex = std::move(vertex);
  e.name = std::move(name);
  e.text = std::move(text);
  e.platforms = {"linux/arm64"};
  return e;
}

TEST(PlainRenderer, NumbersVerticesAndPrintsBuildKitLines) {
  int p[2];
  ASSERT_EQ(::pipe(p), 0);
  {
    PlainRenderer r(p[1]);
    r.Emit(Make(EventKind::kStarted, "a", "[linux/arm64 1/2] COPY a /a"));
    r.Emit(Make(EventKind::kStarted, "b", "[linux/arm64 2/2] COPY b /b"));
    r.Emit(Make(EventKind::kLog, "a", "", "hello"));
    r.Emit(Make(EventKind::kDone, "a", ""));
    r.Emit(Make(EventKind::kCached, "b", ""));
    r.Emit(Make(EventKind::kError, "c", "[linux/amd64 1/1] COPY x /x", "file not found"));
  }
  ::close(p[1]);
  std::string out = Drain(p[0]);
  ::close(p[0]);
  EXPECT_NE(out.find("#1 [linux/arm64 1/2] COPY a /a\n"), std::string::npos) << out;
  EXPECT_NE(out.find("#2 [linux/arm64 2/2] COPY b /b\n"), std::string::npos);
  EXPECT_NE(out.find(" hello\n"), std::string::npos);
  EXPECT_NE(out.find("#1 DONE "), std::string::npos);
  EXPECT_NE(out.find("#2 CACHED\n"), std::string::npos);
  EXPECT_NE(out.find("#3 ERROR: file not found\n"), std::string::npos);
}

TEST(TtyRenderer, GroupsByPlatformAndShowsState) {
  int fd = ::open("/dev/null", O_WRONLY);
  TtyRenderer r(fd);
  Event shared = Make(EventKind::kStarted, "s", "[assets 1/1] COPY static/ /srv/static/");
  shared.platforms = {"linux/amd64", "linux/arm64"};
  r.Emit(shared);
  shared.kind = EventKind::kDone;
  r.Emit(shared);
  r.Emit(Make(EventKind::kStarted, "a", "[linux/arm64 2/2] COPY app /usr/bin/app"));
  r.Emit(Make(EventKind::kLog, "a", "", "copying"));
  std::string view = r.Render(80, Clock::now());
  r.Close();
  ::close(fd);
  EXPECT_NE(view.find("[+] Building"), std::string::npos) << view;
  EXPECT_NE(view.find("(1/2)"), std::string::npos) << view;
  EXPECT_LT(view.find(" shared\n"), view.find(" linux/arm64\n")) << view;
  EXPECT_NE(view.find("=> => # copying"), std::string::npos) << view;
  for (size_t start = 0, nl; (nl = view.find('\n', start)) != std::string::npos; start = nl + 1) {
    EXPECT_LE(nl - start, 80u) << "line wider than the terminal";
  }
}

TEST(RawJsonRenderer, OneObjectPerLine) {
  int p[2];
  ASSERT_EQ(::pipe(p), 0);
  {
    RawJsonRenderer r(p[1]);
    r.Emit(Make(EventKind::kLog, "a", "n", "line \"quoted\""));
  }
  ::close(p[1]);
  std::string out = Drain(p[0]);
  ::close(p[0]);
  EXPECT_NE(out.find("\"kind\":\"log\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"text\":\"line \\\"quoted\\\"\""), std::string::npos) << out;
  EXPECT_EQ(out.back(), '\n');
}

TEST(Renderers, ShowCheckWarnings) {
  const std::string text = "WrongArchBinary: linux/arm64 image: 1 file built for linux/amd64";
  int p[2];
  ASSERT_EQ(::pipe(p), 0);
  {
    PlainRenderer plain(p[1]);
    plain.Emit(Make(EventKind::kStarted, "check", "[checks] WrongArchBinary"));
    plain.Emit(Make(EventKind::kWarning, "check", "", text));
    plain.Emit(Make(EventKind::kDone, "check", ""));
    RawJsonRenderer json(p[1]);
    json.Emit(Make(EventKind::kWarning, "check", "[checks] WrongArchBinary", text));
  }
  ::close(p[1]);
  std::string out = Drain(p[0]);
  ::close(p[0]);
  EXPECT_NE(out.find("#1 WARN: " + text + "\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\"kind\":\"warning\""), std::string::npos) << out;

  int fd = ::open("/dev/null", O_WRONLY);
  TtyRenderer tty(fd);
  tty.Emit(Make(EventKind::kStarted, "check", "[checks] WrongArchBinary"));
  tty.Emit(Make(EventKind::kWarning, "check", "", text));
  tty.Emit(Make(EventKind::kDone, "check", ""));
  std::string view = tty.Render(200, Clock::now());
  tty.Close();
  ::close(fd);
  EXPECT_NE(view.find(" => => WARN: " + text + "\n"), std::string::npos) << view;
}

// Events at fixed offsets from one instant, so times and rates in the output are exact.
Event At(Clock::time_point t0, double seconds, EventKind kind, std::string vertex, std::string name,
         std::string text = "") {
  Event e = Make(kind, std::move(vertex), std::move(name), std::move(text));
  e.time = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  return e;
}

// "2024-05-01T12:34:56.123456789Z" (std::regex trips GCC 12's -Wmaybe-uninitialized at -O1).
bool IsRfc3339Nanos(const std::string& s) {
  const std::string shape = "dddd-dd-ddTdd:dd:dd.dddddddddZ";
  if (s.size() != shape.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (shape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(s[i])) : s[i] != shape[i]) return false;
  }
  return true;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  for (size_t start = 0, nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  return lines;
}

// The first of `lines` that contains `needle`, or a line saying there is none.
std::string LineWith(const std::vector<std::string>& lines, const std::string& needle) {
  for (const auto& l : lines) {
    if (l.find(needle) != std::string::npos) return l;
  }
  return "(no line with " + needle + ")";
}

TEST(PlainRenderer, CachedVertexWithoutStartAndTransfers) {
  int p[2];
  ASSERT_EQ(::pipe(p), 0);
  {
    PlainRenderer r(p[1]);
    Clock::time_point t0 = Clock::now();
    r.Emit(At(t0, 0, EventKind::kCached, "c", "[linux/arm64 2/4] RUN make"));
    Event pull = At(t0, 0, EventKind::kStarted, "p", "[linux/arm64 1/4] FROM busybox");
    r.Emit(pull);
    Event bytes = At(t0, 1.5, EventKind::kBytes, "p", "", "pulling busybox");
    bytes.current = 3'150'000;
    bytes.total = 3'400'000;
    r.Emit(bytes);
  }
  ::close(p[1]);
  std::string out = Drain(p[0]);
  ::close(p[0]);
  EXPECT_NE(out.find("\n#1 [linux/arm64 2/4] RUN make\n#1 CACHED\n"), std::string::npos) << out;
  EXPECT_NE(out.find("#2 pulling busybox 3.15MB / 3.40MB 1.5s\n"), std::string::npos) << out;
}

TEST(TtyRenderer, CachedMarkersTimingsRatesLogTailAndSummary) {
  int fd = ::open("/dev/null", O_WRONLY);
  TtyRenderer r(fd);
  Clock::time_point t0 = Clock::now();
  r.Emit(At(t0, 0, EventKind::kCached, "c", "[linux/arm64 2/4] RUN make"));
  r.Emit(At(t0, 0, EventKind::kStarted, "d", "[linux/arm64 3/4] COPY a /a"));
  r.Emit(At(t0, 2.5, EventKind::kDone, "d", ""));
  r.Emit(At(t0, 0, EventKind::kStarted, "p", "[linux/arm64 1/4] FROM busybox"));
  Event bytes = At(t0, 2, EventKind::kBytes, "p", "", "pulling busybox");
  bytes.current = 16 << 20;
  bytes.total = 40 << 20;
  r.Emit(bytes);
  r.Emit(At(t0, 0, EventKind::kStarted, "l", "[linux/arm64 4/4] RUN ./configure"));
  for (int i = 1; i <= 8; ++i) r.Emit(At(t0, i, EventKind::kLog, "l", "", fmt::format("checking {}", i)));
  std::string view = r.Render(120, t0 + std::chrono::seconds(3));
  r.Close();
  ::close(fd);

  auto lines = Lines(view);
  auto line_of = [&](const std::string& needle) { return LineWith(lines, needle); };
  EXPECT_EQ(line_of("RUN make").rfind(" => CACHED [linux/arm64 2/4] RUN make", 0), 0u) << view;
  EXPECT_TRUE(line_of("RUN make").ends_with(" 0.0s")) << view;
  EXPECT_TRUE(line_of("COPY a /a").ends_with(" 2.5s")) << view;
  EXPECT_EQ(line_of("COPY a /a").find("CACHED"), std::string::npos) << view;
  EXPECT_TRUE(line_of("FROM busybox").ends_with(" 16.0MiB / 40.0MiB 8.0MiB/s 3.0s")) << view;
  EXPECT_EQ(view.find("checking 2\n"), std::string::npos) << "only the last 6 lines: " << view;
  for (int i = 3; i <= 8; ++i) EXPECT_NE(view.find(fmt::format(" => => # checking {}\n", i)), std::string::npos) << view;
  EXPECT_NE(view.find("(2/4)"), std::string::npos) << "cached and done count as finished: " << view;
  EXPECT_EQ(view.find("Finished in"), std::string::npos) << "no summary before the end: " << view;
}

TEST(TtyRenderer, FinalViewEndsWithSummary) {
  int fd = ::open("/dev/null", O_WRONLY);
  TtyRenderer r(fd);
  Clock::time_point t0 = Clock::now();
  r.Emit(At(t0, 0, EventKind::kCached, "a", "[linux/amd64 1/3] RUN a"));
  r.Emit(At(t0, 0, EventKind::kCached, "b", "[linux/arm64 1/3] RUN a"));
  r.Emit(At(t0, 0, EventKind::kStarted, "c", "[linux/arm64 2/3] RUN b"));
  r.Emit(At(t0, 1, EventKind::kLog, "c", "", "hidden once done"));
  r.Emit(At(t0, 1, EventKind::kDone, "c", ""));
  std::string view = r.Render(100, Clock::now(), /*final=*/true);
  r.Close();
  ::close(fd);
  EXPECT_NE(view.find(") FINISHED\n"), std::string::npos) << view;
  auto lines = Lines(view);
  ASSERT_FALSE(lines.empty());
  EXPECT_TRUE(lines.back().starts_with("Finished in ")) << view;
  EXPECT_TRUE(lines.back().ends_with("s: 3 steps, 2 cached")) << view;
  EXPECT_EQ(view.find("hidden once done"), std::string::npos) << view;

  int fd2 = ::open("/dev/null", O_WRONLY);
  TtyRenderer failed(fd2);
  failed.Emit(At(t0, 0, EventKind::kStarted, "x", "[linux/arm64 1/1] RUN false"));
  failed.Emit(At(t0, 1, EventKind::kError, "x", "", "exit code 1"));
  std::string failed_view = failed.Render(100, Clock::now(), true);
  failed.Close();
  ::close(fd2);
  EXPECT_EQ(failed_view.find("FINISHED"), std::string::npos) << failed_view;
  EXPECT_NE(failed_view.find("\nFailed after "), std::string::npos) << failed_view;
  EXPECT_NE(failed_view.find(" => => ERROR: exit code 1\n"), std::string::npos) << failed_view;
}

TEST(RawJsonRenderer, Rfc3339Timestamps) {
  using namespace std::chrono;
  EXPECT_EQ(FormatRfc3339(system_clock::time_point(milliseconds(1'700'000'000'500))),
            "2023-11-14T22:13:20.500000000Z");
  EXPECT_EQ(FormatRfc3339(system_clock::time_point()), "1970-01-01T00:00:00.000000000Z");
}

TEST(RawJsonRenderer, EveryKindWithItsFields) {
  int p[2];
  ASSERT_EQ(::pipe(p), 0);
  auto wall_before = std::chrono::system_clock::now();
  {
    RawJsonRenderer r(p[1]);
    Clock::time_point t0 = Clock::now();
    r.Emit(At(t0, 0, EventKind::kCached, "c", "[linux/arm64 2/4] RUN make"));
    r.Emit(At(t0, 0, EventKind::kStarted, "v", "[linux/arm64 1/4] FROM busybox"));
    r.Emit(At(t0, 0.5, EventKind::kLog, "v", "[linux/arm64 1/4] FROM busybox", "hello"));
    Event bytes = At(t0, 0.75, EventKind::kBytes, "v", "[linux/arm64 1/4] FROM busybox", "pulling busybox");
    bytes.current = 10;
    bytes.total = 40;
    r.Emit(bytes);
    r.Emit(At(t0, 1, EventKind::kDone, "v", "[linux/arm64 1/4] FROM busybox"));
    r.Emit(At(t0, 0, EventKind::kStarted, "e", "[linux/arm64 3/4] RUN false"));
    r.Emit(At(t0, 2, EventKind::kError, "e", "[linux/arm64 3/4] RUN false", "exit code 1"));
    r.Emit(At(t0, 0, EventKind::kStarted, "x", "[linux/arm64 4/4] RUN sleep 9"));
    r.Emit(At(t0, 2, EventKind::kCancelled, "x", "[linux/arm64 4/4] RUN sleep 9"));
  }
  ::close(p[1]);
  std::string out = Drain(p[0]);
  ::close(p[0]);
  std::vector<nlohmann::json> events;
  for (const auto& line : Lines(out)) events.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(events.size(), 9u) << out;
  for (const auto& e : events) {
    EXPECT_EQ(e["platforms"], nlohmann::json::array({"linux/arm64"}));
    for (const char* key : {"started", "completed"}) {
      if (e.contains(key)) {
        EXPECT_TRUE(IsRfc3339Nanos(e[key].get<std::string>())) << e;
      }
    }
  }
  const auto& cached = events[0];
  EXPECT_EQ(cached["kind"], "cached");
  EXPECT_EQ(cached["vertex"], "c");
  EXPECT_EQ(cached["name"], "[linux/arm64 2/4] RUN make");
  EXPECT_EQ(cached["cached"], true);
  EXPECT_TRUE(cached.contains("completed"));
  EXPECT_FALSE(cached.contains("started")) << "a cached vertex never started";

  const auto& started = events[1];
  EXPECT_EQ(started["kind"], "started");
  ASSERT_TRUE(started.contains("started"));
  EXPECT_FALSE(started.contains("completed"));
  EXPECT_FALSE(started.contains("cached"));
  // Wall clock: the timestamp is within this test's run, and later events repeat it.
  EXPECT_GE(started["started"].get<std::string>(), FormatRfc3339(wall_before - std::chrono::seconds(1)));
  EXPECT_LE(started["started"].get<std::string>(),
            FormatRfc3339(std::chrono::system_clock::now() + std::chrono::seconds(1)));

  const auto& log = events[2];
  EXPECT_EQ(log["logs"], nlohmann::json::array({"hello"}));
  EXPECT_EQ(log["text"], "hello");
  EXPECT_EQ(log["started"], started["started"]);

  const auto& transfer = events[3];
  EXPECT_EQ(transfer["kind"], "bytes");
  ASSERT_EQ(transfer["statuses"].size(), 1u);
  EXPECT_EQ(transfer["statuses"][0]["id"], "pulling busybox");
  EXPECT_EQ(transfer["statuses"][0]["name"], "pulling busybox");
  EXPECT_EQ(transfer["statuses"][0]["current"], 10);
  EXPECT_EQ(transfer["statuses"][0]["total"], 40);
  EXPECT_EQ(transfer["current"], 10);
  EXPECT_EQ(transfer["total"], 40);

  const auto& done = events[4];
  EXPECT_EQ(done["kind"], "done");
  EXPECT_EQ(done["started"], started["started"]);
  ASSERT_TRUE(done.contains("completed"));
  EXPECT_GT(done["completed"].get<std::string>(), done["started"].get<std::string>());
  EXPECT_NEAR(done["elapsed"].get<double>() - started["elapsed"].get<double>(), 1.0, 1e-6);

  const auto& error = events[6];
  EXPECT_EQ(error["kind"], "error");
  EXPECT_EQ(error["error"], "exit code 1");
  EXPECT_TRUE(error.contains("started") && error.contains("completed")) << error;

  const auto& cancelled = events[8];
  EXPECT_EQ(cancelled["kind"], "cancelled");
  EXPECT_TRUE(cancelled.contains("completed")) << cancelled;
  EXPECT_FALSE(cancelled.contains("error")) << cancelled;
}

// A long transfer in plain mode: a line a second at most, the first and the complete one always,
// and a report that was skipped comes out before the vertex's DONE.
TEST(PlainRenderer, SamplesBytesOncePerSecondAndEndsComplete) {
  int p[2];
  ASSERT_EQ(::pipe(p), 0);
  {
    PlainRenderer r(p[1]);
    Clock::time_point t0 = Clock::now();
    r.Emit(At(t0, 0, EventKind::kStarted, "x", "exporting layers"));
    // 64 MB in 4 s, a report every 50 ms (what a compressor's chunks give).
    for (int i = 1; i <= 80; ++i) {
      Event b = At(t0, i * 0.05, EventKind::kBytes, "x", "", "layer 1");
      b.current = i * 800'000;
      b.total = 64'000'000;
      r.Emit(b);
    }
    // A second status whose last report falls inside the interval.
    Event other = At(t0, 4.02, EventKind::kBytes, "x", "", "layer 2");
    other.current = 1'000'000;
    other.total = 3'000'000;
    r.Emit(other);
    other.time += std::chrono::milliseconds(100);
    other.current = 2'000'000;
    r.Emit(other);
    // The same complete report twice (an uploader's last chunk, then its end): one line.
    Event again = At(t0, 4.2, EventKind::kBytes, "x", "", "layer 1");
    again.current = again.total = 64'000'000;
    r.Emit(again);
    r.Emit(At(t0, 4.3, EventKind::kDone, "x", ""));
  }
  ::close(p[1]);
  std::string out = Drain(p[0]);
  ::close(p[0]);
  auto lines = Lines(out);
  int layer1 = 0;
  for (const auto& l : lines) layer1 += l.starts_with("#1 layer 1 ");
  EXPECT_GE(layer1, 4) << out;
  EXPECT_LE(layer1, 6) << "one line a second, not one per report: " << out;
  EXPECT_NE(out.find("#1 layer 1 0.80MB / 64.00MB "), std::string::npos) << "the first report: " << out;
  EXPECT_NE(out.find("#1 layer 1 64.00MB / 64.00MB 4.0s\n"), std::string::npos) << "the complete one: " << out;
  EXPECT_EQ(out.find("#1 layer 1 64.00MB / 64.00MB 4.2s\n"), std::string::npos) << "not twice: " << out;
  EXPECT_NE(out.find("#1 layer 2 1.00MB / 3.00MB 4.0s\n#1 layer 2 2.00MB / 3.00MB 4.3s\n#1 DONE 4.3s\n"),
            std::string::npos)
      << "a skipped last report before DONE: " << out;
}

TEST(TtyRenderer, ListsEachTransferOfARunningVertexWithBytesTotalAndRate) {
  int fd = ::open("/dev/null", O_WRONLY);
  TtyRenderer r(fd);
  Clock::time_point t0 = Clock::now();
  Event start = At(t0, 0, EventKind::kStarted, "push", "pushing localhost:5000/app");
  start.platforms = {};
  r.Emit(start);
  Event a = At(t0, 2, EventKind::kBytes, "push", "", "sha256:aaaa");
  a.current = 16 << 20;
  a.total = 64 << 20;
  r.Emit(a);
  Event b = At(t0, 2, EventKind::kBytes, "push", "", "sha256:bbbb");
  b.current = 4 << 20;
  b.total = 4 << 20;
  r.Emit(b);
  r.Emit(At(t0, 2, EventKind::kLog, "push", "", "sha256:cccc already exists"));
  Event copy = At(t0, 0, EventKind::kStarted, "c", "[stage-0 1/1] COPY . /data");
  r.Emit(copy);
  Event copied = At(t0, 1, EventKind::kBytes, "c", "", "copying files");
  copied.current = 32 << 20;
  copied.total = 64 << 20;
  r.Emit(copied);
  std::string view = r.Render(120, t0 + std::chrono::seconds(2));
  r.Close();
  ::close(fd);
  auto lines = Lines(view);
  auto line_of = [&](const std::string& needle) { return LineWith(lines, needle); };
  EXPECT_TRUE(line_of("pushing localhost:5000/app").ends_with(" 20.0MiB / 68.0MiB 10.0MiB/s 2.0s")) << view;
  EXPECT_TRUE(line_of("=> => sha256:aaaa").ends_with(" 16.0MiB / 64.0MiB 8.0MiB/s")) << view;
  EXPECT_TRUE(line_of("=> => sha256:bbbb").ends_with(" 4.0MiB / 4.0MiB 2.0MiB/s")) << view;
  EXPECT_NE(view.find(" => => # sha256:cccc already exists\n"), std::string::npos) << view;
  EXPECT_TRUE(line_of("COPY . /data").ends_with(" 32.0MiB / 64.0MiB 32.0MiB/s 2.0s")) << view;
  EXPECT_EQ(view.find("=> => copying files"), std::string::npos) << "one transfer stays on its line: " << view;
  for (const auto& l : lines) EXPECT_LE(l.size(), 120u) << l;
}

TEST(Activity, StartsLogsSamplesBytesAndFinishesOnce) {
  Recorder rec;
  {
    Activity a(rec, "export:layers", "exporting layers", {"linux/amd64"});
    a.Log("layer 1: sha256:ab");
    for (int i = 1; i <= 100; ++i) a.Bytes("layer 1", i, 100);  // in far less than 100 ms
    a.Bytes("layer 1", 100, 100);                                // the same again: dropped
    a.Done();
    a.Done();
    a.Log("after the end");
  }
  {
    Activity failed(rec, "push:r", "pushing r");
    util::Status status = util::Fail(util::ErrorKind::kUnavailable, "HTTP 500");
    EXPECT_FALSE(failed.Finish(status));
  }
  { Activity left(rec, "cache-export:x", "exporting cache to registry"); }
  std::vector<std::string> seen;
  for (const auto& e : rec.events()) {
    seen.push_back(fmt::format("{} {} {} {}/{}", e.vertex, EventKindName(e.kind), e.text, e.current, e.total));
  }
  std::vector<std::string> want = {
      "export:layers started  0/0",
      "export:layers log layer 1: sha256:ab 0/0",
      "export:layers bytes layer 1 1/100",
      "export:layers bytes layer 1 100/100",
      "export:layers done  0/0",
      "push:r started  0/0",
      "push:r error HTTP 500 0/0",
      "cache-export:x started  0/0",
      "cache-export:x cancelled  0/0",
  };
  EXPECT_EQ(seen, want);
  EXPECT_EQ(rec.events().front().name, "exporting layers");
  EXPECT_EQ(rec.events().front().platforms, std::vector<std::string>{"linux/amd64"});
}

TEST(CountingSink, CountsDistinctCachedVerticesPerPlatformAndForwards) {
  Recorder rec;
  CountingSink counts(&rec);
  Event shared = Make(EventKind::kCached, "s", "[base 1/1] RUN apt-get update");
  shared.platforms = {"linux/amd64", "linux/arm64"};
  counts.Emit(shared);
  counts.Emit(shared);  // reported twice, one vertex
  counts.Emit(Make(EventKind::kCached, "a", "[linux/arm64 2/2] RUN make"));
  counts.Emit(Make(EventKind::kStarted, "b", "[linux/arm64 3/3] RUN test"));
  counts.Emit(Make(EventKind::kDone, "b", ""));
  EXPECT_EQ(counts.cached(), 2u);
  EXPECT_EQ(counts.cached_for("linux/arm64"), 2u);
  EXPECT_EQ(counts.cached_for("linux/amd64"), 1u);
  EXPECT_EQ(counts.cached_for("linux/s390x"), 0u);
  EXPECT_EQ(rec.events().size(), 5u) << "every event reaches the renderer";
}

}  // namespace
}  // namespace manifold::progress
