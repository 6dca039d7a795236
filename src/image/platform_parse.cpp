// Platform specifier parsing and normalization with containerd's platforms.Parse semantics.
#include "image/platform_parse.hpp"

#include <algorithm>
#include <vector>

#include "image/internal/platform_names.hpp"

namespace manifold::image {

namespace {

using internal::IsKnownArch;
using internal::IsKnownOs;
using internal::NormalizeArch;
using internal::NormalizeOsName;

constexpr std::string_view kValidForms =
    "expected os, arch, os/arch or os/arch/variant (e.g. linux/arm64, linux/arm/v7), each part "
    "of [A-Za-z0-9_.-]";

bool IsComponentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

bool IsComponent(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsComponentChar);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes the %XX escapes an OS version or feature may carry (so that '+', '(', ')', '/' and
// '%' can appear in them); every other character must be a component character.
util::Result<std::string> Unescape(std::string_view specifier, std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      int hi = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
      int lo = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "invalid platform {:?}: bad %-escape in OS version or feature {:?}",
                          specifier, text);
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (IsComponentChar(c)) {
      out.push_back(c);
    } else {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "invalid platform {:?}: character {:?} not allowed in OS version or "
                        "feature {:?} (escape %+()/ as %XX)",
                        specifier, std::string(1, c), text);
    }
  }
  return out;
}

// Splits the first part, `os[(version[+feature...])]`, into the platform's OS fields.
util::Status ParseOsPart(std::string_view specifier, std::string_view part, Platform& p) {
  size_t paren = part.find('(');
  std::string_view name = part.substr(0, paren);
  bool name_ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return IsComponentChar(c) && c != '.';
  });
  if (!name_ok) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "invalid platform {:?}: {:?} is not a valid OS component; {}", specifier,
                      part, kValidForms);
  }
  p.os = NormalizeOsName(name);
  if (paren == std::string_view::npos) return {};
  if (part.back() != ')' || part.size() < paren + 2) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "invalid platform {:?}: {:?} must look like os(version+feature...)",
                      specifier, part);
  }
  std::string_view inner = part.substr(paren + 1, part.size() - paren - 2);
  size_t plus = inner.find('+');
  p.os_version = MANIFOLD_TRY(Unescape(specifier, inner.substr(0, plus)));
  while (plus != std::string_view::npos) {
    inner = inner.substr(plus + 1);
    plus = inner.find('+');
    std::string feature = MANIFOLD_TRY(Unescape(specifier, inner.substr(0, plus)));
    if (feature.empty()) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "invalid platform {:?}: empty OS feature in {:?}", specifier, part);
    }
    p.os_features.push_back(std::move(feature));
  }
  return {};
}

std::vector<std::string_view> SplitSlash(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t slash = s.find('/', start);
    parts.push_back(s.substr(start, slash - start));
    if (slash == std::string_view::npos) return parts;
    start = slash + 1;
  }
}

}  // namespace

util::Result<Platform> ParsePlatform(std::string_view specifier, const Platform& host) {
  if (specifier.find('*') != std::string_view::npos) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "invalid platform {:?}: wildcards are not supported; {}", specifier,
                      kValidForms);
  }
  std::vector<std::string_view> parts = SplitSlash(specifier);
  if (parts.size() > 3) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "invalid platform {:?}: too many parts; {}", specifier, kValidForms);
  }
  Platform p;
  MANIFOLD_CHECK(ParseOsPart(specifier, parts[0], p));
  for (size_t i = 1; i < parts.size(); ++i) {
    if (!IsComponent(parts[i])) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "invalid platform {:?}: {:?} is not a valid component; {}", specifier,
                        parts[i], kValidForms);
    }
  }

  if (parts.size() == 1) {
    if (IsKnownOs(p.os)) {
      p.architecture = host.architecture;
      // containerd keeps the CPU variant only for 32-bit arm hosts other than v7.
      if (host.architecture == "arm" && host.variant != "v7") p.variant = host.variant;
      return p;
    }
    auto [arch, variant] = NormalizeArch(parts[0], "");
    if (arch == "arm" && variant == "v7") variant.clear();
    if (!IsKnownArch(arch)) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "invalid platform {:?}: unknown operating system or architecture; {}",
                        specifier, kValidForms);
    }
    p.os = host.os;
    p.architecture = std::move(arch);
    p.variant = std::move(variant);
    return p;
  }
  if (parts.size() == 2) {
    // The 2-part form does not care whether the names are known.
    std::tie(p.architecture, p.variant) = NormalizeArch(parts[1], "");
    if (p.architecture == "arm" && p.variant == "v7") p.variant.clear();
    return p;
  }
  std::tie(p.architecture, p.variant) = NormalizeArch(parts[1], parts[2]);
  if (p.architecture == "arm64" && p.variant.empty()) p.variant = "v8";
  return p;
}

Platform Normalize(Platform platform, const Platform& host) {
  platform.os = platform.os.empty() ? host.os : NormalizeOsName(platform.os);
  std::tie(platform.architecture, platform.variant) =
      NormalizeArch(platform.architecture, platform.variant);
  std::sort(platform.os_features.begin(), platform.os_features.end());
  platform.os_features.erase(std::unique(platform.os_features.begin(), platform.os_features.end()),
                             platform.os_features.end());
  return platform;
}

util::Result<Platform> ParsePlatformFlag(std::string_view specifier, const Platform& host) {
  if (specifier == "local") return Normalize(host, host);
  Platform parsed = MANIFOLD_TRY(ParsePlatform(specifier, host));
  return Normalize(std::move(parsed), host);
}

bool IsKnownPlatform(const Platform& platform) {
  return IsKnownOs(platform.os) && IsKnownArch(platform.architecture);
}

}  // namespace manifold::image
