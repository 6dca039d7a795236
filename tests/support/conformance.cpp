// Conformance corpus locator and byte-exact file helpers for tests.
#include "support/conformance.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace manifold::testing {

std::optional<std::filesystem::path> ConformanceDir() {
  std::filesystem::path dir;
  if (const char* env = std::getenv("MANIFOLD_CONFORMANCE_DIR"); env && *env) {
    dir = env;
  } else {
    dir = MANIFOLD_DEFAULT_CONFORMANCE_DIR;
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return std::nullopt;
  return std::filesystem::weakly_canonical(dir, ec);
}

std::optional<std::filesystem::path> ConformancePath(const std::string& relative) {
  auto dir = ConformanceDir();
  if (!dir) return std::nullopt;
  std::filesystem::path p = *dir / relative;
  std::error_code ec;
  if (!std::filesystem::exists(p, ec)) return std::nullopt;
  return p;
}

std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    if (tab == std::string::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

std::filesystem::path SourceDir() { return MANIFOLD_SOURCE_DIR; }

std::string SanitizeTestName(const std::string& name) {
  std::string out;
  for (char c : name) out += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  if (out.empty()) out = "_";
  return out;
}

}  // namespace manifold::testing
