// os-release(5) parsing.
#include "attest/os_release.hpp"

namespace manifold::attest {

namespace {

constexpr size_t kMaxOsReleaseBytes = 64 * 1024;

std::string Unquote(std::string_view v) {
  while (!v.empty() && (v.back() == ' ' || v.back() == '\r')) v.remove_suffix(1);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size()) ++i;  // os-release uses shell escapes: \" \\ \$ \`
    out += v[i];
  }
  return out;
}

}  // namespace

std::string OsRelease::Distro() const { return id.empty() || version_id.empty() ? "" : id + "-" + version_id; }

OsRelease ParseOsRelease(std::string_view text) {
  OsRelease os;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    const size_t eq = line.find('=');
    if (line.empty() || line.front() == '#' || eq == std::string_view::npos) continue;
    const std::string_view key = line.substr(0, eq);
    if (key == "ID") os.id = Unquote(line.substr(eq + 1));
    if (key == "VERSION_ID") os.version_id = Unquote(line.substr(eq + 1));
  }
  return os;
}

OsRelease ReadOsRelease(const RootFiles& root, ScanReport& report) {
  for (const char* path : {"/etc/os-release", "/usr/lib/os-release"}) {
    auto text = root.Read(path, kMaxOsReleaseBytes);
    if (!text) {
      report.skipped.push_back(text.error().What());
      continue;
    }
    if (*text) return ParseOsRelease(**text);
  }
  return {};
}

}  // namespace manifold::attest
