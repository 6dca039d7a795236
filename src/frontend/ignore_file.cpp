// ReadIgnoreFile: moby ignorefile.ReadAll line rules over an in-memory file.
#include "frontend/ignore_file.hpp"

#include "util/path_pattern.hpp"
#include "util/root_path.hpp"

namespace manifold::frontend {
namespace {

// Docker reads the file with a bufio.Scanner whose token limit is 64 KiB; a longer line makes
// the whole build fail rather than being silently cut.
constexpr std::size_t kMaxLine = 64 * 1024;
constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

util::Result<std::vector<std::string>> ReadIgnoreFile(std::string_view bytes) {
  std::vector<std::string> patterns;
  int line_number = 0;
  for (std::size_t start = 0; start < bytes.size();) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.size() >= kMaxLine) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        ".dockerignore line {} is longer than {} bytes", line_number, kMaxLine);
    }
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line_number == 1 && line.starts_with(kBom)) line.remove_prefix(kBom.size());
    if (line.starts_with('#')) continue;
    line = util::TrimGoSpace(line);
    if (line.empty()) continue;
    const bool invert = line.front() == '!';
    if (invert) line = util::TrimGoSpace(line.substr(1));
    std::string pattern;
    if (!line.empty()) {
      pattern = util::CleanPath(line);
      if (pattern.size() > 1 && pattern.front() == '/') pattern.erase(0, 1);
    }
    patterns.push_back(invert ? "!" + pattern : std::move(pattern));
  }
  return patterns;
}

}  // namespace manifold::frontend
