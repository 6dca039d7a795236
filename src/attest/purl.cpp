// Package URL formatting.
#include "attest/purl.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace manifold::attest {

namespace {

std::string Encode(std::string_view text, std::string_view also_safe) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool safe = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '.' ||
                      c == '-' || c == '_' || c == '~' || also_safe.find(c) != std::string_view::npos;
    if (safe) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

}  // namespace

std::string FormatPurl(const PurlParts& parts) {
  std::string out = "pkg:" + parts.type + "/";
  std::string_view ns = parts.namespace_path;
  while (!ns.empty()) {
    const size_t slash = ns.find('/');
    const std::string_view segment = ns.substr(0, slash);
    if (!segment.empty()) out += Encode(segment, "") + "/";
    if (slash == std::string_view::npos) break;
    ns.remove_prefix(slash + 1);
  }
  out += Encode(parts.name, "");
  if (!parts.version.empty()) out += "@" + Encode(parts.version, ":+");
  auto qualifiers = parts.qualifiers;
  std::sort(qualifiers.begin(), qualifiers.end());
  char sep = '?';
  for (const auto& [key, value] : qualifiers) {
    if (value.empty()) continue;
    out += sep + Encode(key, "") + "=" + Encode(value, ":+");
    sep = '&';
  }
  return out;
}

std::string NormalizePythonName(std::string_view name) {
  std::string out;
  bool in_run = false;
  for (const char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!in_run) out += '-';
      in_run = true;
      continue;
    }
    in_run = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace manifold::attest
