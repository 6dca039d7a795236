// ShellLexer: a recursive-descent port of BuildKit's shell-word rules (see the header).
#include "frontend/dockerfile/shell_lexer.hpp"

#include <cstdint>
#include <optional>
#include <utility>

#include "frontend/dockerfile/shell_chars.hpp"
#include "frontend/dockerfile/shell_pattern.hpp"
#include "frontend/dockerfile/text.hpp"

namespace manifold::frontend::dockerfile {
namespace {

using util::ErrorKind;

constexpr std::int32_t kEof = -1;
// An invalid UTF-8 byte b scans as kInvalidBase + b: never special, never white space.
constexpr std::int32_t kInvalidBase = 0x110000;
// ${a:-${b:-...}} recurses once per level; a hostile Dockerfile must not exhaust the stack.
constexpr int kMaxNesting = 100;

// Go's text/scanner over the word: one code point at a time, a leading BOM skipped.
class Scanner {
 public:
  explicit Scanner(std::string_view input) : input_(input) {
    if (input_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  }
  std::int32_t Peek() const {
    if (pos_ >= input_.size()) return kEof;
    DecodedRune rune = DecodeRune(input_, pos_);
    if (!rune.valid) return kInvalidBase + static_cast<unsigned char>(input_[pos_]);
    return static_cast<std::int32_t>(rune.rune);
  }
  // Consumes one code point; `bytes` receives its source bytes (empty at the end).
  std::int32_t Next(std::string_view* bytes = nullptr) {
    std::int32_t rune = Peek();
    std::size_t width = rune == kEof ? 0 : static_cast<std::size_t>(DecodeRune(input_, pos_).width);
    if (bytes != nullptr) *bytes = input_.substr(pos_, width);
    pos_ += width;
    return rune;
  }

 private:
  std::string_view input_;
  std::size_t pos_ = 0;
};

bool IsSpaceRune(std::int32_t rune) {
  return rune >= 0 && rune < kInvalidBase && IsGoSpace(static_cast<char32_t>(rune));
}

// BuildKit's wordsStruct: field splitting as characters arrive.
class FieldSplitter {
 public:
  // A disabled splitter ignores everything (for callers that only want the text).
  explicit FieldSplitter(bool enabled) : enabled_(enabled) {}
  void AddChar(std::int32_t rune, std::string_view bytes) {
    if (!enabled_) return;
    bool space = IsSpaceRune(rune);
    if (space && in_word_) {
      if (!word_.empty()) {
        words_.push_back(std::move(word_));
        word_.clear();
        in_word_ = false;
      }
    } else if (!space) {
      AddRaw(bytes);
    }
  }
  void AddRaw(std::string_view bytes) {
    if (!enabled_) return;
    word_.append(bytes);
    in_word_ = true;
  }
  void AddString(std::string_view text) {
    if (!enabled_) return;
    Scanner scanner(text);
    std::string_view bytes;
    for (std::int32_t rune = scanner.Next(&bytes); rune != kEof; rune = scanner.Next(&bytes)) {
      AddChar(rune, bytes);
    }
  }
  std::vector<std::string> Take() {
    if (!word_.empty()) words_.push_back(std::move(word_));
    return std::move(words_);
  }

 private:
  std::string word_;
  std::vector<std::string> words_;
  bool in_word_ = false;
  bool enabled_;
};

std::string RuneText(std::int32_t rune, std::string_view bytes) {
  return rune == kEof ? std::string() : std::string(bytes);
}

class WordProcessor {
 public:
  WordProcessor(const ShellLexerOptions& options, const ShellLookup& env, std::string_view word,
                WordResult& result)
      : options_(options), env_(env), scanner_(word), result_(result),
        raw_escapes_(options.raw_escapes) {}

  struct Processed {
    std::string text;
    std::vector<std::string> words;
  };

  // Processes up to the unquoted, unescaped `stop` (consumed), or to the end for kEof.
  util::Result<Processed> ProcessStopOn(std::int32_t stop, bool raw_escapes) {
    if (++depth_ > kMaxNesting) {
      return util::Fail(ErrorKind::kInvalidArgument, "expansions nested more than {} deep",
                        kMaxNesting);
    }
    bool saved_raw_escapes = std::exchange(raw_escapes_, raw_escapes);
    auto processed = ProcessStopOnImpl(stop);
    raw_escapes_ = saved_raw_escapes;
    --depth_;
    return processed;
  }

 private:
  util::Result<Processed> ProcessStopOnImpl(std::int32_t stop) {
    std::string text;
    FieldSplitter words(options_.split_fields);
    const std::int32_t escape = static_cast<unsigned char>(options_.escape);
    while (scanner_.Peek() != kEof) {
      std::int32_t ch = scanner_.Peek();
      if (stop != kEof && ch == stop) {
        scanner_.Next();
        return Processed{std::move(text), words.Take()};
      }
      bool quote = !options_.skip_process_quotes && (ch == '\'' || ch == '"');
      if (ch == '$' || quote) {
        std::string part = MANIFOLD_TRY(ch == '$'    ? ProcessDollar()
                                        : ch == '\'' ? ProcessSingleQuote()
                                                     : ProcessDoubleQuote());
        if (ch == '$') MANIFOLD_CHECK(Count(part.size()));
        text.append(part);
        // Only an unquoted expansion's white space splits fields.
        if (ch == '$') {
          words.AddString(part);
        } else {
          words.AddRaw(part);
        }
        continue;
      }
      std::string_view bytes;
      ch = scanner_.Next(&bytes);
      if (ch == escape) {
        if (raw_escapes_) {
          words.AddRaw(bytes);
          text.append(bytes);
        }
        ch = scanner_.Next(&bytes);
        if (ch == kEof) break;  // an escape at the very end is dropped
        words.AddRaw(bytes);
      } else {
        words.AddChar(ch, bytes);
      }
      text.append(bytes);
    }
    if (stop != kEof) {
      return util::Fail(ErrorKind::kInvalidArgument,
                        "unexpected end of statement while looking for matching {}",
                        std::string(1, static_cast<char>(stop)));
    }
    return Processed{std::move(text), words.Take()};
  }

  util::Result<std::string> ProcessSingleQuote() {
    std::string text;
    std::string_view bytes;
    scanner_.Next(&bytes);
    if (options_.raw_quotes) text.append(bytes);
    while (true) {
      std::int32_t ch = scanner_.Next(&bytes);
      if (ch == kEof) {
        return util::Fail(ErrorKind::kInvalidArgument,
                          "unexpected end of statement while looking for matching single-quote");
      }
      if (ch == '\'') {
        if (options_.raw_quotes) text.append(bytes);
        return text;
      }
      text.append(bytes);
    }
  }

  util::Result<std::string> ProcessDoubleQuote() {
    std::string text;
    std::string_view bytes;
    scanner_.Next(&bytes);
    if (options_.raw_quotes) text.append(bytes);
    const std::int32_t escape = static_cast<unsigned char>(options_.escape);
    while (true) {
      std::int32_t ch = scanner_.Peek();
      if (ch == kEof) {
        return util::Fail(ErrorKind::kInvalidArgument,
                          "unexpected end of statement while looking for matching double-quote");
      }
      if (ch == '"') {
        scanner_.Next(&bytes);
        if (options_.raw_quotes) text.append(bytes);
        return text;
      }
      if (ch == '$') {
        std::string part = MANIFOLD_TRY(ProcessDollar());
        MANIFOLD_CHECK(Count(part.size()));
        text.append(part);
        continue;
      }
      ch = scanner_.Next(&bytes);
      if (ch == escape) {
        if (raw_escapes_) text.append(bytes);
        std::int32_t next = scanner_.Peek();
        if (next == kEof) continue;  // reported as the missing quote on the next turn
        // Only these can be escaped inside double quotes; before anything else the escape
        // character stays (and, in raw mode, appears twice, as upstream).
        if (next == '"' || next == '$' || next == escape) scanner_.Next(&bytes);
      }
      text.append(bytes);
    }
  }

  util::Result<std::string> ProcessDollar() {
    scanner_.Next();  // '$'
    if (scanner_.Peek() != '{') {
      std::string name = ProcessName();
      if (name.empty()) return std::string("$");
      std::optional<std::string_view> value = GetEnv(name);
      if (!value && options_.skip_unset_env) return "$" + name;
      return std::string(value.value_or(""));
    }
    scanner_.Next();  // '{'
    switch (scanner_.Peek()) {
      case kEof:
        return MissingBrace();
      case '{':
      case '}':
      case ':':
        return util::Fail(ErrorKind::kInvalidArgument, "syntax error: bad substitution");
      default:
        break;
    }
    std::string name = ProcessName();
    std::string_view bytes;
    std::int32_t ch = scanner_.Next(&bytes);
    std::string modifier = RuneText(ch, bytes);
    switch (ch) {
      case kEof:
        return MissingBrace();
      case '}': {
        std::optional<std::string_view> value = GetEnv(name);
        if (!value && options_.skip_unset_env) return "${" + name + "}";
        return std::string(value.value_or(""));
      }
      case ':':
      case '+':
      case '-':
      case '?':
      case '#':
      case '%':
        return ProcessModifier(name, ch, std::move(modifier));
      case '/':
        return ProcessReplace(name);
      default:
        return util::Fail(ErrorKind::kInvalidArgument, "unsupported modifier ({}) in substitution",
                          modifier);
    }
  }

  // ${NAME<op>word} for op in :- - :+ + :? ? # ## % %%.
  util::Result<std::string> ProcessModifier(const std::string& name, std::int32_t ch,
                                            std::string modifier) {
    bool null_is_unset = false;
    if (ch == ':') {
      null_is_unset = true;
      std::string_view bytes;
      ch = scanner_.Next(&bytes);
      modifier += RuneText(ch, bytes);
    }
    auto processed = ProcessStopOn('}', /*raw_escapes=*/ch == '#' || ch == '%');
    if (!processed) {
      if (scanner_.Peek() == kEof) return MissingBrace();
      return std::unexpected(std::move(processed.error()));
    }
    std::string word = std::move(processed->text);
    std::optional<std::string_view> value = GetEnv(name);
    if (!value && options_.skip_unset_env) return "${" + name + modifier + word + "}";
    bool empty_or_unset = !value || (null_is_unset && value->empty());
    switch (ch) {
      case '-':
        return empty_or_unset ? word : std::string(*value);
      case '+':
        return empty_or_unset ? std::string() : word;
      case '?':
        if (empty_or_unset) {
          std::string_view why = !value ? "is not allowed to be unset" : "is not allowed to be empty";
          return util::Fail(ErrorKind::kInvalidArgument, "{}: {}", name,
                            word.empty() ? why : std::string_view(word));
        }
        return std::string(*value);
      case '#':
      case '%': {
        // `${X:#p}` is not a thing in sh, and BuildKit rejects it as well.
        if (null_is_unset) break;
        bool greedy = !word.empty() && word[0] == static_cast<char>(ch);
        std::string_view pattern = std::string_view(word).substr(greedy ? 1 : 0);
        std::string_view subject = value.value_or("");
        MANIFOLD_CHECK(ChargePatternWork(pattern.size(), subject.size()));
        return ch == '%' ? ShellTrimSuffix(pattern, subject, greedy)
                         : ShellTrimPrefix(pattern, subject, greedy);
      }
      default:
        break;
    }
    return util::Fail(ErrorKind::kInvalidArgument, "unsupported modifier ({}) in substitution",
                      modifier);
  }

  // ${NAME/pattern/replacement} and ${NAME//pattern/replacement}.
  util::Result<std::string> ProcessReplace(const std::string& name) {
    bool all = scanner_.Peek() == '/';
    if (all) scanner_.Next();
    auto pattern = ProcessStopOn('/', /*raw_escapes=*/true);
    if (!pattern) {
      if (scanner_.Peek() == kEof) {
        return util::Fail(ErrorKind::kInvalidArgument, "syntax error: missing '/' in ${{}}");
      }
      return std::unexpected(std::move(pattern.error()));
    }
    auto replacement = ProcessStopOn('}', /*raw_escapes=*/true);
    if (!replacement) {
      if (scanner_.Peek() == kEof) return MissingBrace();
      return std::unexpected(std::move(replacement.error()));
    }
    std::optional<std::string_view> value = GetEnv(name);
    if (!value && options_.skip_unset_env) {
      return "${" + name + (all ? "//" : "/") + pattern->text + "/" + replacement->text + "}";
    }
    MANIFOLD_CHECK(ChargePatternWork(pattern->text.size(), value.value_or("").size()));
    return ShellReplace(value.value_or(""), pattern->text, replacement->text, all,
                        options_.max_expansion - produced_);
  }

  std::string ProcessName() {
    std::string name;
    std::string_view bytes;
    while (scanner_.Peek() != kEof) {
      std::int32_t ch = scanner_.Peek();
      if (name.empty() && ch < kInvalidBase && IsGoDigit(static_cast<char32_t>(ch))) {
        // Positional parameters: a run of digits, nothing else.
        while (scanner_.Peek() != kEof && IsGoDigit(static_cast<char32_t>(scanner_.Peek()))) {
          scanner_.Next(&bytes);
          name.append(bytes);
        }
        return name;
      }
      if (name.empty() && IsSpecialParameter(ch)) {
        scanner_.Next(&bytes);
        return std::string(bytes);
      }
      if (ch >= kInvalidBase || !(IsGoLetterOrDigit(static_cast<char32_t>(ch)) || ch == '_')) {
        break;
      }
      scanner_.Next(&bytes);
      name.append(bytes);
    }
    return name;
  }

  static bool IsSpecialParameter(std::int32_t ch) {
    switch (ch) {
      case '@':
      case '*':
      case '#':
      case '?':
      case '-':
      case '$':
      case '!':
      case '0':
        return true;
      default:
        return false;
    }
  }

  // Charges `bytes` of expansion output against the word's limit. Every level that passes a
  // value up counts it again, which bounds what nesting can hold at once.
  util::Status Count(std::size_t bytes) {
    produced_ += bytes;
    if (produced_ > options_.max_expansion) {
      return util::Fail(ErrorKind::kInvalidArgument,
                        "the expansion is more than {} bytes; the limit for one word is {} bytes "
                        "({} MiB): keep large values in files rather than in ARG/ENV",
                        options_.max_expansion, options_.max_expansion,
                        options_.max_expansion / kMiB);
    }
    return {};
  }

  // Charges a pattern operator's work before it runs: many cheap-looking operators in one word
  // must not add up to minutes. Also where a stop request is seen inside a long word.
  util::Status ChargePatternWork(std::size_t pattern_bytes, std::size_t value_bytes) {
    if (options_.stop.stop_requested()) return util::Fail(ErrorKind::kCancelled, "interrupted");
    const std::size_t work = (pattern_bytes + 1) * (value_bytes + 1);
    result_.pattern_work += work;
    if (result_.pattern_work > options_.max_pattern_work) {
      return util::Fail(ErrorKind::kInvalidArgument,
                        "the pattern operators (${{V#p}} ${{V%p}} ${{V/p/r}}) would take more matching "
                        "steps than are left ({} of the {} allowed per build): use them on shorter values",
                        options_.max_pattern_work, kMaxPatternWorkPerBuild);
    }
    return {};
  }

  std::optional<std::string_view> GetEnv(const std::string& name) {
    std::optional<std::string_view> value = env_(name);
    if (value) {
      result_.matched.insert(name);
    } else {
      result_.unmatched.insert(name);
    }
    return value;
  }

  static std::unexpected<util::Error> MissingBrace() {
    return util::Fail(ErrorKind::kInvalidArgument, "syntax error: missing '}}'");
  }

  const ShellLexerOptions& options_;
  const ShellLookup& env_;
  Scanner scanner_;
  WordResult& result_;
  bool raw_escapes_;
  int depth_ = 0;
  std::size_t produced_ = 0;
};

}  // namespace

ShellLexer::ShellLexer(char escape) { options_.escape = escape; }

ShellLexer::ShellLexer(ShellLexerOptions options) : options_(options) {}

util::Result<WordResult> ShellLexer::ProcessWord(std::string_view word, const ShellEnv& env) const {
  return ProcessWord(word, ShellLookup([&env](std::string_view name) { return env.Get(name); }));
}

util::Result<WordResult> ShellLexer::ProcessWord(std::string_view word,
                                                 const ShellLookup& lookup) const {
  WordResult result;
  WordProcessor processor(options_, lookup, word, result);
  auto processed = processor.ProcessStopOn(kEof, options_.raw_escapes);
  if (!processed) {
    util::Error error = std::move(processed.error());
    error.Context("failed to process {:?}", DisplayText(word, 256));
    return std::unexpected(std::move(error));
  }
  result.text = std::move(processed->text);
  result.words = std::move(processed->words);
  return result;
}

util::Result<std::vector<std::string>> ShellLexer::ProcessWords(std::string_view word,
                                                                const ShellEnv& env) const {
  WordResult result = MANIFOLD_TRY(ProcessWord(word, env));
  return std::move(result.words);
}

}  // namespace manifold::frontend::dockerfile
