// Regexp: a small RE2-syntax regular expression engine (a Pike VM: linear time in the input,
// no recursion over it), so that regex functions behave as Go's regexp does on any input.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace manifold::hcl::internal {

/// A compiled pattern in RE2 syntax: literals (UTF-8), `.`, classes `[a-z]` `[^...]`
/// `[[:alpha:]]` `\d \w \s` (and negations, ASCII as RE2), anchors `^ $ \A \z \b \B`, groups
/// `(...)` `(?:...)` `(?P<name>...)` `(?<name>...)`, flags `(?ims-U)` and `(?i:...)`,
/// alternation, and repetition `* + ? {n} {n,} {n,m}` with lazy `?` variants; `\Q...\E`.
/// Not supported (an error): Unicode classes `\p{...}`, `\C`. Matching is leftmost-first as
/// Go's, on code points (an invalid UTF-8 byte is one U+FFFD). Immutable after Compile;
/// Search may run concurrently.
class Regexp {
 public:
  /// Errors (kInvalidArgument, "invalid regular expression pattern: ..."): bad syntax,
  /// repetition counts over 1000, programs over 10,000 instructions.
  static util::Result<Regexp> Compile(std::string_view pattern);

  /// The number of capture groups.
  size_t Groups() const { return names_.size(); }
  /// The name of each group (index 0 is group 1), "" for an unnamed one.
  const std::vector<std::string>& Names() const { return names_; }

  /// The leftmost-first match starting at or after byte `from` of `s` (assertions see all of
  /// `s`): `caps` gets 2 * (Groups() + 1) byte offsets, -1 for a group that did not take
  /// part. Returns false when there is no match.
  bool Search(std::string_view s, size_t from, std::vector<long>& caps) const;
  /// Every match in `s` as Go's FindAllStringSubmatch finds them: after an empty match the
  /// search moves on one character, and an empty match right where the previous match ended
  /// is skipped. `each` gets each match's `caps` (as Search fills them); its first error ends
  /// the loop and is returned.
  util::Status ForEachMatch(std::string_view s,
                            const std::function<util::Status(const std::vector<long>& caps)>& each) const;

  /// The instruction count, a measure of matching cost per input character.
  size_t ProgramSize() const { return program_.size(); }

  struct Range {
    char32_t lo, hi;
  };
  enum class Op { kClass, kAny, kAnyNotNewline, kSplit, kJump, kSave, kAssert, kMatch };
  enum class Assertion { kBeginText, kEndText, kBeginLine, kEndLine, kWordBoundary, kNotWordBoundary };
  struct Inst {
    Op op = Op::kMatch;
    size_t x = 0, y = 0;  // jump targets (split: x is preferred), or the save slot
    std::vector<Range> ranges;  // kClass: sorted
    bool negate = false;
    Assertion assertion = Assertion::kBeginText;
  };

 private:
  std::vector<Inst> program_;
  std::vector<std::string> names_;
  friend class RegexpCompiler;
};

}  // namespace manifold::hcl::internal
