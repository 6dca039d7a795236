// Format and FormatAll: platform → specifier text, as containerd prints it.
#include <algorithm>
#include <vector>

#include "image/platform_parse.hpp"

namespace manifold::image {

namespace {

// Go's path.Join: joins the non-empty parts and cleans "." and ".." (a variant of ".." is
// accepted by Parse, so Format must treat it as containerd does).
std::string JoinClean(const std::vector<std::string_view>& parts) {
  std::vector<std::string_view> out;
  for (std::string_view part : parts) {
    size_t start = 0;
    while (start <= part.size()) {
      size_t slash = part.find('/', start);
      std::string_view elem = part.substr(start, slash - start);
      if (elem == "..") {
        if (!out.empty() && out.back() != "..") {
          out.pop_back();
        } else {
          out.push_back(elem);
        }
      } else if (!elem.empty() && elem != ".") {
        out.push_back(elem);
      }
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
  }
  if (out.empty()) return ".";
  std::string joined;
  for (std::string_view elem : out) {
    if (!joined.empty()) joined += '/';
    joined += elem;
  }
  return joined;
}

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '+': out += "%2B"; break;
      case '(': out += "%28"; break;
      case ')': out += "%29"; break;
      case '/': out += "%2F"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string Format(const Platform& p) {
  if (p.os.empty()) return "unknown";
  return JoinClean({p.os, p.architecture, p.variant});
}

std::string FormatAll(const Platform& p) {
  if (p.os.empty()) return "unknown";
  if (p.os_version.empty() && p.os_features.empty()) return Format(p);
  std::vector<std::string> features = p.os_features;
  std::sort(features.begin(), features.end());
  features.erase(std::unique(features.begin(), features.end()), features.end());
  std::string os = p.os + "(" + Escape(p.os_version);
  for (const std::string& f : features) os += "+" + Escape(f);
  os += ")";
  return JoinClean({os, p.architecture, p.variant});
}

}  // namespace manifold::image
