// PlatformMatcher: which platforms of an image index a wanted platform can use, best first.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "image/platform.hpp"

namespace manifold::image {

/// containerd's platform MatchComparers. Both sides are normalized before comparing (an empty OS
/// means the host's). OS versions must be equal when both are set (Windows: up to the build
/// number); a candidate's OS features must all be among the wanted ones. Immutable; safe to share
/// between threads.
class PlatformMatcher {
 public:
  /// Accepts `want` and what it can run, in preference order: amd64/vN → vN…v1, then 386;
  /// arm/vN → vN…v5; arm64 → arm64, then arm v8…v5; arm64/v8.x → v8.x…v8.0, then arm v8…v5;
  /// arm64/v9.x → v9.x…v9.0, v8.(min(x+5, 9))…v8.0, then arm v8…v5.
  static PlatformMatcher Only(const Platform& want, const Platform& host);
  static PlatformMatcher Only(const Platform& want);
  /// Accepts only the normalized `want` itself.
  static PlatformMatcher OnlyStrict(const Platform& want, const Platform& host);
  static PlatformMatcher OnlyStrict(const Platform& want);
  /// Accepts any architecture of `want`'s OS (same OS version and feature rules); Less prefers
  /// `want`'s exact platform.
  static PlatformMatcher OnlyOS(const Platform& want, const Platform& host);
  static PlatformMatcher OnlyOS(const Platform& want);

  /// True when `candidate` is acceptable.
  bool Match(const Platform& candidate) const;
  /// True when `a` is strictly preferred to `b` (a strict weak order; matches sort first).
  bool Less(const Platform& a, const Platform& b) const;
  /// The index of the best matching candidate: lowest under Less, the earliest one on ties.
  /// nullopt when none matches.
  std::optional<size_t> BestMatch(const std::vector<Platform>& candidates) const;

 private:
  enum class Kind { kOrdered, kOnlyOs };
  PlatformMatcher(Kind kind, Platform want, std::vector<Platform> order, Platform host)
      : kind_(kind), want_(std::move(want)), order_(std::move(order)), host_(std::move(host)) {}

  bool MatchOne(const Platform& wanted, const Platform& candidate) const;
  bool OrderedMatch(const Platform& candidate) const;
  bool OrderedLess(const Platform& a, const Platform& b) const;
  bool OsMatch(const Platform& candidate) const;

  Kind kind_;
  Platform want_;               // normalized
  std::vector<Platform> order_;  // normalized, most preferred first
  Platform host_;
};

}  // namespace manifold::image
