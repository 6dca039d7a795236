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

util::Result<std::vector<std::string_view>> SplitSourceLines(std::string_view bytes,
                                                             std::string_view file_name) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < bytes.size()) {
    const void* nl = std::memchr(bytes.data() + start, '\n', bytes.size() - start);
    const std::size_t end =
        nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - bytes.data()) : bytes.size();
    const int number = static_cast<int>(lines.size()) + 1;
    const std::string_view text = bytes.substr(start, end - start);
    if (text.size() > kMaxLineBytes) {
      return std::unexpected(
          util::Error(util::ErrorKind::kInvalidArgument,
                      fmt::format("line is {} bytes long; the limit is {} bytes (1 MiB)",
                                  text.size(), kMaxLineBytes))
              .At(LocationOf(file_name, number, text.substr(0, 80), 1)));
    }
    int column = 1;
    for (std::size_t pos = 0; pos < text.size();) {
      const DecodedRune r = DecodeRune(text, pos);
      if (!r.valid) {
        return std::unexpected(
            util::Error(util::ErrorKind::kInvalidArgument,
                        fmt::format("invalid UTF-8 (byte 0x{:02x}); Dockerfiles must be UTF-8",
                                    static_cast<unsigned char>(text[pos])))
                .At(LocationOf(file_name, number, text, column)));
      }
      pos += r.width;
      ++column;
    }
    lines.push_back(bytes.substr(start, nl ? end + 1 - start : end - start));
    start = nl ? end + 1 : bytes.size();
  }
  return lines;
}

}  // namespace manifold::frontend::dockerfile
