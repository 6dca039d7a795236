// Physical line splitting. BuildKit passes invalid UTF-8 through; we refuse it up front with a
// precise location, because every later stage (quoting, JSON, shell words) assumes UTF-8.
#include "frontend/dockerfile/source_lines.hpp"

#include <cstring>

#include "frontend/dockerfile/text.hpp"

namespace manifold::frontend::dockerfile {

std::string_view WithoutNewline(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

util::SourceLocation LocationOf(std::string_view file_name, int number, std::string_view line,
                                int column) {
  return util::SourceLocation{std::string(file_name), number, column,
                              DisplayText(WithoutNewline(line))};
}

bool IsKnownKeyword(std::string_view keyword) {
  static constexpr std::string_view kKeywords[] = {
      "add",     "arg",  "cmd",   "copy",    "entrypoint", "env",         "expose",
      "from",    "healthcheck", "label", "maintainer", "onbuild", "run", "shell",
      "stopsignal", "user", "volume", "workdir"};
  for (std::string_view known : kKeywords) {
    if (keyword == known) return true;
  }
  return false;
}

bool LooksLikeDockerfileLine(std::string_view line) {
  line = TrimLeftSpace(line);
  if (line.starts_with('#')) return true;
  std::size_t end = 0;
  while (end < line.size() && end <= 16 && !IsAsciiSpace(line[end])) ++end;
  return IsKnownKeyword(AsciiLower(line.substr(0, end)));
}

int FirstColumn(std::string_view line) {
  int column = 1;
  for (std::size_t pos = 0; pos < line.size();) {
    const DecodedRune r = DecodeRune(line, pos);
    if (!r.valid || !IsGoSpace(r.rune) || r.rune == '\n') break;
    pos += r.width;
    ++column;
  }
  return column;
}

SourceLines::SourceLines(std::string_view bytes, std::string_view file_name)
    : bytes_(bytes), file_name_(file_name) {
  if (bytes_.starts_with("\xEF\xBB\xBF")) bytes_.remove_prefix(3);
}

util::Result<std::optional<std::string_view>> SourceLines::Next(bool show_text) {
  if (start_ >= bytes_.size()) return std::nullopt;
  const void* nl = std::memchr(bytes_.data() + start_, '\n', bytes_.size() - start_);
  const std::size_t end =
      nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - bytes_.data()) : bytes_.size();
  ++number_;
  const std::string_view text = bytes_.substr(start_, end - start_);
  if (text.size() > kMaxLineBytes) {
    return std::unexpected(
        util::Error(util::ErrorKind::kInvalidArgument,
                    fmt::format("line is {} bytes long; the limit is {} bytes (1 MiB): split it "
                                "with line continuations or move the data into a file",
                                text.size(), kMaxLineBytes))
            .At(LocationOf(file_name_, number_, show_text || LooksLikeDockerfileLine(text) ? text.substr(0, 80) : "", 1)));
  }
  int column = 1;
  for (std::size_t pos = 0; pos < text.size();) {
    const DecodedRune r = DecodeRune(text, pos);
    if (!r.valid) {
      return std::unexpected(
          util::Error(util::ErrorKind::kInvalidArgument,
                      fmt::format("invalid UTF-8 (byte 0x{:02x}); Dockerfiles must be UTF-8",
                                  static_cast<unsigned char>(text[pos])))
              .At(LocationOf(file_name_, number_, show_text || LooksLikeDockerfileLine(text) ? text : "",
                             column)));
    }
    pos += r.width;
    ++column;
  }
  const std::string_view line = bytes_.substr(start_, nl ? end + 1 - start_ : end - start_);
  start_ = nl ? end + 1 : bytes_.size();
  return line;
}

util::Result<std::vector<std::string_view>> SplitSourceLines(std::string_view bytes,
                                                             std::string_view file_name) {
  SourceLines reader(bytes, file_name);
  std::vector<std::string_view> lines;
  for (;;) {
    auto line = reader.Next();
    if (!line) return std::unexpected(std::move(line.error()));
    if (!*line) return lines;
    lines.push_back(**line);
  }
}

}  // namespace manifold::frontend::dockerfile
