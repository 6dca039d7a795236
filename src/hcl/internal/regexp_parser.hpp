// The parser half of Regexp (regexp.hpp): RE2 syntax to a tree of nodes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hcl/internal/regexp.hpp"
#include "util/error.hpp"

namespace manifold::hcl::internal {

/// A parsed expression: literals and classes are kClass ranges (case-folded already under
/// (?i)); kRepeat has one kid with min/max (max -1: unbounded); kCapture one kid and its
/// group number (1-based).
struct RegexpNode {
  enum class Type { kEmpty, kClass, kAny, kConcat, kAlt, kRepeat, kCapture, kAssert };
  Type type = Type::kEmpty;
  std::vector<Regexp::Range> ranges;
  bool dotall = false;  // kAny
  std::vector<RegexpNode> kids;
  int min = 0, max = -1;  // kRepeat; max -1 = unbounded
  bool greedy = true;
  size_t group = 0;  // kCapture
  Regexp::Assertion assertion = Regexp::Assertion::kBeginText;
};

/// Parses `pattern` (RE2 syntax, see Regexp); `names` gets each capture group's name ("" when
/// unnamed). Errors as Regexp::Compile's.
util::Result<RegexpNode> ParseRegexp(std::string_view pattern, std::vector<std::string>& names);


}  // namespace manifold::hcl::internal
