// Tests of the plain, tty and rawjson renderers on a pipe.
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "progress/plain_renderer.hpp"
#include "progress/raw_json_renderer.hpp"
#include "progress/tty_renderer.hpp"

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

}  // namespace
}  // namespace manifold::progress
