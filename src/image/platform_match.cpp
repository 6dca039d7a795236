// Platform matching: the compatibility vectors and preference order of containerd's Only.
#include "image/platform_match.hpp"

#include <algorithm>
#include <charconv>
#include <string>

#include "image/platform_parse.hpp"

namespace manifold::image {

namespace {

// "vN" → N; nullopt for anything else.
std::optional<int> VariantNumber(std::string_view variant) {
  if (variant.size() < 2 || variant[0] != 'v') return std::nullopt;
  int n = 0;
  auto [ptr, ec] = std::from_chars(variant.data() + 1, variant.data() + variant.size(), n);
  if (ec != std::errc() || ptr != variant.data() + variant.size()) return std::nullopt;
  return n;
}

// "vX" or "vX.Y" → {X, Y}.
std::optional<std::pair<int, int>> Arm64Version(std::string_view variant) {
  size_t dot = variant.find('.');
  auto major = VariantNumber(variant.substr(0, dot));
  if (!major) return std::nullopt;
  if (dot == std::string_view::npos) return std::pair{*major, 0};
  std::string_view minor_text = variant.substr(dot + 1);
  int minor = 0;
  auto [ptr, ec] = std::from_chars(minor_text.data(), minor_text.data() + minor_text.size(), minor);
  if (minor_text.empty() || ec != std::errc() || ptr != minor_text.data() + minor_text.size()) {
    return std::nullopt;
  }
  return std::pair{*major, minor};
}

Platform WithVariant(const Platform& base, std::string arch, std::string variant) {
  Platform p = base;
  p.architecture = std::move(arch);
  p.variant = std::move(variant);
  return p;
}

void AppendArmDown(const Platform& base, std::string variant, std::vector<Platform>& out) {
  out.push_back(WithVariant(base, "arm", variant));
  if (auto n = VariantNumber(variant); n && *n > 5) {
    for (int v = *n - 1; v >= 5; --v) out.push_back(WithVariant(base, "arm", "v" + std::to_string(v)));
  }
}

// What a normalized platform can run, most preferred first (un-normalized spellings such as
// arm64 "v8.0"; each entry is normalized before use).
std::vector<Platform> CompatibleVector(const Platform& want) {
  std::vector<Platform> out;
  if (want.architecture == "amd64") {
    out.push_back(want);
    if (auto n = VariantNumber(want.variant); n && *n > 1) {
      for (int v = *n - 1; v >= 1; --v) out.push_back(WithVariant(want, "amd64", "v" + std::to_string(v)));
    }
    out.push_back(WithVariant(want, "386", ""));
  } else if (want.architecture == "arm") {
    AppendArmDown(want, want.variant, out);
  } else if (want.architecture == "arm64") {
    std::string variant = want.variant.empty() ? "v8" : want.variant;
    if (auto version = Arm64Version(variant)) {
      auto [major, minor] = *version;
      for (int m = minor; m >= 0; --m) {
        out.push_back(WithVariant(want, "arm64", fmt::format("v{}.{}", major, m)));
      }
      // Armv9.x implements Armv8.(x+5).
      if (major == 9) {
        for (int m = std::min(9, minor + 5); m >= 0; --m) {
          out.push_back(WithVariant(want, "arm64", fmt::format("v8.{}", m)));
        }
      }
    } else {
      out.push_back(want);
    }
    // Every arm64 CPU of v8 or later runs 32-bit arm up to v8.
    if (variant.starts_with("v8") || variant.starts_with("v9")) variant = "v8";
    AppendArmDown(want, variant, out);
  } else {
    out.push_back(want);
  }
  return out;
}

// Windows builds compare on major.minor.build; other OSes on the whole version. Either side
// empty means "any".
bool OsVersionMatch(const std::string& os, const std::string& want, const std::string& have) {
  if (want.empty() || have.empty()) return true;
  if (os != "windows") return want == have;
  auto prefix = [](const std::string& v) {
    size_t dots = 0;
    for (size_t i = 0; i < v.size(); ++i) {
      if (v[i] == '.' && ++dots == 3) return v.substr(0, i);
    }
    return v;
  };
  return prefix(want) == prefix(have);
}

// Every feature of `have` (sorted) is in `want` (sorted).
bool FeaturesSubset(const std::vector<std::string>& have, const std::vector<std::string>& want) {
  return std::includes(want.begin(), want.end(), have.begin(), have.end());
}

}  // namespace

PlatformMatcher PlatformMatcher::Only(const Platform& want, const Platform& host) {
  Platform normalized = Normalize(want, host);
  std::vector<Platform> order;
  for (const Platform& p : CompatibleVector(normalized)) order.push_back(Normalize(p, host));
  return PlatformMatcher(Kind::kOrdered, normalized, std::move(order), host);
}

PlatformMatcher PlatformMatcher::OnlyStrict(const Platform& want, const Platform& host) {
  Platform normalized = Normalize(want, host);
  return PlatformMatcher(Kind::kOrdered, normalized, {normalized}, host);
}

PlatformMatcher PlatformMatcher::OnlyOS(const Platform& want, const Platform& host) {
  Platform normalized = Normalize(want, host);
  return PlatformMatcher(Kind::kOnlyOs, normalized, {normalized}, host);
}

PlatformMatcher PlatformMatcher::Only(const Platform& want) { return Only(want, HostPlatform()); }
PlatformMatcher PlatformMatcher::OnlyStrict(const Platform& want) {
  return OnlyStrict(want, HostPlatform());
}
PlatformMatcher PlatformMatcher::OnlyOS(const Platform& want) { return OnlyOS(want, HostPlatform()); }

bool PlatformMatcher::MatchOne(const Platform& wanted, const Platform& candidate) const {
  Platform c = Normalize(candidate, host_);
  return wanted.os == c.os && wanted.architecture == c.architecture &&
         wanted.variant == c.variant &&
         OsVersionMatch(wanted.os, wanted.os_version, candidate.os_version) &&
         FeaturesSubset(c.os_features, wanted.os_features);
}

bool PlatformMatcher::OrderedMatch(const Platform& candidate) const {
  return std::any_of(order_.begin(), order_.end(),
                     [&](const Platform& w) { return MatchOne(w, candidate); });
}

bool PlatformMatcher::OrderedLess(const Platform& a, const Platform& b) const {
  for (const Platform& w : order_) {
    bool am = MatchOne(w, a);
    bool bm = MatchOne(w, b);
    if (am != bm) return am;
    // Equally good: the one declaring more (accepted) OS features is the more specific.
    if (am) return a.os_features.size() > b.os_features.size();
  }
  return false;
}

bool PlatformMatcher::OsMatch(const Platform& candidate) const {
  Platform c = Normalize(candidate, host_);
  return c.os == want_.os && OsVersionMatch(want_.os, want_.os_version, candidate.os_version) &&
         FeaturesSubset(c.os_features, want_.os_features);
}

bool PlatformMatcher::Match(const Platform& candidate) const {
  return kind_ == Kind::kOnlyOs ? OsMatch(candidate) : OrderedMatch(candidate);
}

bool PlatformMatcher::Less(const Platform& a, const Platform& b) const {
  if (kind_ == Kind::kOrdered) return OrderedLess(a, b);
  bool am = OsMatch(a);
  bool bm = OsMatch(b);
  if (am != bm) return am;
  return am && OrderedLess(a, b);
}

std::optional<size_t> PlatformMatcher::BestMatch(const std::vector<Platform>& candidates) const {
  std::optional<size_t> best;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (!Match(candidates[i])) continue;
    if (!best || Less(candidates[i], candidates[*best])) best = i;
  }
  return best;
}

}  // namespace manifold::image
