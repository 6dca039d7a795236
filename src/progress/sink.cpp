// Renderer choice for --progress.
#include "progress/sink.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "progress/plain_renderer.hpp"
#include "progress/raw_json_renderer.hpp"
#include "progress/tty_renderer.hpp"

namespace manifold::progress {

bool ParseMode(std::string_view text, Mode* mode) {
  if (text == "auto") *mode = Mode::kAuto;
  else if (text == "plain") *mode = Mode::kPlain;
  else if (text == "tty") *mode = Mode::kTty;
  else if (text == "rawjson") *mode = Mode::kRawJson;
  else if (text == "quiet") *mode = Mode::kQuiet;
  else return false;
  return true;
}

std::unique_ptr<Sink> MakeRenderer(Mode mode, int fd) {
  if (mode == Mode::kAuto) {
    const char* term = std::getenv("TERM");
    bool dumb = term == nullptr || std::strcmp(term, "dumb") == 0;
    mode = (::isatty(fd) && !dumb) ? Mode::kTty : Mode::kPlain;
  }
  switch (mode) {
    case Mode::kTty: return std::make_unique<TtyRenderer>(fd);
    case Mode::kRawJson: return std::make_unique<RawJsonRenderer>(fd);
    case Mode::kQuiet: return std::make_unique<NullSink>();
    default: return std::make_unique<PlainRenderer>(fd);
  }
}

}  // namespace manifold::progress
