// Regexp: RE2 syntax parsed to a tree, compiled to Pike VM instructions, and run thread-list
// by thread-list over the input (Russ Cox, "Regular Expression Matching: the Virtual Machine
// Approach"), so time is O(input x program) and stack use is bounded by the program.
#include "hcl/internal/regexp.hpp"

#include "hcl/internal/regexp_parser.hpp"
#include "hcl/internal/text.hpp"

#include <algorithm>
#include <memory>

namespace manifold::hcl::internal {

using util::ErrorKind;

namespace {

constexpr size_t kMaxProgram = 10000;

Regexp::Inst MakeInst(Regexp::Op op, size_t x = 0, size_t y = 0) {
  Regexp::Inst i;
  i.op = op;
  i.x = x;
  i.y = y;
  return i;
}

}  // namespace

class RegexpCompiler {
 public:
  explicit RegexpCompiler(std::vector<Regexp::Inst>& prog) : prog_(prog) {}

  util::Status Emit(const RegexpNode& n) {
    if (prog_.size() > kMaxProgram) {
      return util::Fail(ErrorKind::kInvalidArgument,
                        "invalid regular expression pattern: expression too large");
    }
    using T = RegexpNode::Type;
    switch (n.type) {
      case T::kEmpty: break;
      case T::kClass: {
        Regexp::Inst i = MakeInst(Regexp::Op::kClass);
        i.ranges = n.ranges;
        prog_.push_back(std::move(i));
        break;
      }
      case T::kAny:
        prog_.push_back(MakeInst(n.dotall ? Regexp::Op::kAny : Regexp::Op::kAnyNotNewline));
        break;
      case T::kAssert: {
        Regexp::Inst i = MakeInst(Regexp::Op::kAssert);
        i.assertion = n.assertion;
        prog_.push_back(i);
        break;
      }
      case T::kConcat:
        for (const RegexpNode& k : n.kids) MANIFOLD_CHECK(Emit(k));
        break;
      case T::kCapture:
        prog_.push_back(MakeInst(Regexp::Op::kSave, 2 * n.group));
        MANIFOLD_CHECK(Emit(n.kids[0]));
        prog_.push_back(MakeInst(Regexp::Op::kSave, 2 * n.group + 1));
        break;
      case T::kAlt: {
        std::vector<size_t> jumps;
        for (size_t k = 0; k < n.kids.size(); ++k) {
          size_t split = 0;
          if (k + 1 < n.kids.size()) {
            split = prog_.size();
            prog_.push_back(MakeInst(Regexp::Op::kSplit, split + 1, 0));
          }
          MANIFOLD_CHECK(Emit(n.kids[k]));
          if (k + 1 < n.kids.size()) {
            jumps.push_back(prog_.size());
            prog_.push_back(MakeInst(Regexp::Op::kJump));
            prog_[split].y = prog_.size();
          }
        }
        for (size_t j : jumps) prog_[j].x = prog_.size();
        break;
      }
      case T::kRepeat: {
        const RegexpNode& body = n.kids[0];
        for (int k = 0; k < n.min; ++k) MANIFOLD_CHECK(Emit(body));
        if (n.max == -1) {
          // L: split body, out; body; jump L
          size_t split = prog_.size();
          prog_.push_back(MakeInst(Regexp::Op::kSplit));
          MANIFOLD_CHECK(Emit(body));
          prog_.push_back(MakeInst(Regexp::Op::kJump, split));
          Prefer(split, split + 1, prog_.size(), n.greedy);
        } else {
          std::vector<size_t> splits;
          for (int k = n.min; k < n.max; ++k) {
            splits.push_back(prog_.size());
            prog_.push_back(MakeInst(Regexp::Op::kSplit));
            MANIFOLD_CHECK(Emit(body));
          }
          for (size_t s : splits) Prefer(s, s + 1, prog_.size(), n.greedy);
        }
        break;
      }
    }
    return {};
  }

 private:
  void Prefer(size_t split, size_t body, size_t out, bool greedy) {
    prog_[split].x = greedy ? body : out;
    prog_[split].y = greedy ? out : body;
  }
  std::vector<Regexp::Inst>& prog_;
};

util::Result<Regexp> Regexp::Compile(std::string_view pattern) {
  Regexp re;
  RegexpNode root = MANIFOLD_TRY(ParseRegexp(pattern, re.names_));
  RegexpCompiler compiler(re.program_);
  MANIFOLD_CHECK(compiler.Emit(root));
  if (re.program_.size() > kMaxProgram) {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "invalid regular expression pattern: expression too large");
  }
  re.program_.push_back(MakeInst(Op::kMatch));
  return re;
}

namespace {

bool IsWord(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

struct Thread {
  size_t pc;
  std::shared_ptr<std::vector<long>> caps;
};

}  // namespace

util::Status Regexp::ForEachMatch(std::string_view s,
                                  const std::function<util::Status(const std::vector<long>& caps)>& each) const {
  size_t pos = 0;
  long prev_end = -1;
  std::vector<long> caps;
  while (pos <= s.size() && Search(s, pos, caps)) {
    bool accept = true;
    auto end = static_cast<size_t>(caps[1]);
    if (caps[1] == caps[0]) {
      accept = caps[1] != prev_end;
      // Past the character at the empty match (one byte past the end, or an invalid byte).
      pos = end + (end < s.size() ? std::max<size_t>(1, Utf8Length(s, end)) : 1);
    } else {
      pos = end;
    }
    prev_end = caps[1];
    if (accept) MANIFOLD_CHECK(each(caps));
  }
  return {};
}

bool Regexp::Search(std::string_view s, size_t from, std::vector<long>& caps) const {
  const size_t ncap = 2 * (names_.size() + 1);
  std::vector<Thread> clist, nlist;
  std::vector<size_t> mark(program_.size(), static_cast<size_t>(-1));
  bool matched = false;
  std::vector<long> best;

  // Follows empty-width instructions from `pc` at byte `at` (previous code point `prev`,
  // next `next`, -1 at either end), adding the character-consuming threads to `list` in
  // priority order. An explicit stack keeps native recursion off the program's size.
  auto add = [&](std::vector<Thread>& list, size_t pc0, std::shared_ptr<std::vector<long>> caps0,
                 size_t at, long prev, long next, size_t gen) {
    struct Frame {
      size_t pc;
      std::shared_ptr<std::vector<long>> caps;
    };
    std::vector<Frame> stack{{pc0, std::move(caps0)}};
    while (!stack.empty()) {
      Frame f = std::move(stack.back());
      stack.pop_back();
      size_t pc = f.pc;
      if (mark[pc] == gen) continue;
      mark[pc] = gen;
      const Inst& in = program_[pc];
      switch (in.op) {
        case Op::kJump: stack.push_back({in.x, std::move(f.caps)}); break;
        case Op::kSplit:
          stack.push_back({in.y, f.caps});
          stack.push_back({in.x, std::move(f.caps)});
          break;
        case Op::kSave: {
          auto copy = std::make_shared<std::vector<long>>(*f.caps);
          if (in.x < ncap) (*copy)[in.x] = static_cast<long>(at);
          stack.push_back({pc + 1, std::move(copy)});
          break;
        }
        case Op::kAssert: {
          bool ok = false;
          switch (in.assertion) {
            case Assertion::kBeginText: ok = prev == -1; break;
            case Assertion::kEndText: ok = next == -1; break;
            case Assertion::kBeginLine: ok = prev == -1 || prev == '\n'; break;
            case Assertion::kEndLine: ok = next == -1 || next == '\n'; break;
            case Assertion::kWordBoundary:
            case Assertion::kNotWordBoundary: {
              bool b = (prev != -1 && IsWord(static_cast<char32_t>(prev))) !=
                       (next != -1 && IsWord(static_cast<char32_t>(next)));
              ok = in.assertion == Assertion::kWordBoundary ? b : !b;
              break;
            }
          }
          if (ok) stack.push_back({pc + 1, std::move(f.caps)});
          break;
        }
        default: list.push_back({pc, std::move(f.caps)}); break;
      }
    }
  };

  size_t gen = 0;  // the generation of clist; nlist's is gen + 1
  size_t at = from;
  long prev = -1;
  if (at > 0) {
    // The code point before `from`: back up over continuation bytes.
    size_t b = at - 1;
    while (b > 0 && at - b < 4 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
    size_t n = 0;
    char32_t cp = DecodeUtf8(s, b, n);
    prev = b + n == at ? static_cast<long>(cp) : 0xFFFD;
  }
  for (;;) {
    size_t width = 0;
    long next = at < s.size() ? static_cast<long>(DecodeUtf8(s, at, width)) : -1;
    if (!matched) {
      // A new thread starting here, at the lowest priority (leftmost-first).
      auto start = std::make_shared<std::vector<long>>(ncap, -1);
      (*start)[0] = static_cast<long>(at);
      add(clist, 0, std::move(start), at, prev, next, gen);
    }
    nlist.clear();
    size_t after = at + width;
    long after_next = -1;
    if (after < s.size()) {
      size_t n = 0;
      after_next = static_cast<long>(DecodeUtf8(s, after, n));
    }
    for (size_t t = 0; t < clist.size(); ++t) {
      const Inst& in = program_[clist[t].pc];
      bool step = false;
      switch (in.op) {
        case Op::kMatch:
          best = *clist[t].caps;
          best[1] = static_cast<long>(at);
          matched = true;
          t = clist.size();  // lower-priority threads lose to this match
          continue;
        case Op::kAny: step = next != -1; break;
        case Op::kAnyNotNewline: step = next != -1 && next != '\n'; break;
        case Op::kClass: {
          if (next == -1) break;
          auto c = static_cast<char32_t>(next);
          auto it = std::upper_bound(in.ranges.begin(), in.ranges.end(), c,
                                     [](char32_t v, const Range& r) { return v < r.lo; });
          step = it != in.ranges.begin() && c <= std::prev(it)->hi;
          break;
        }
        default: break;
      }
      if (step) add(nlist, clist[t].pc + 1, clist[t].caps, after, next, after_next, gen + 1);
    }
    if (at >= s.size() || (nlist.empty() && matched)) break;
    std::swap(clist, nlist);
    prev = next;
    at = after;
    ++gen;
  }
  if (!matched) return false;
  caps = std::move(best);
  return true;
}

}  // namespace manifold::hcl::internal
