// The HCL lexer: a mode stack (main, quoted template, heredoc template) as hclsyntax's Ragel
// scanner keeps one, so that `}` can tell an interpolation's end from an object's.
#include "hcl/internal/lexer.hpp"

#include <fmt/format.h>

#include "hcl/internal/text.hpp"

namespace manifold::hcl::internal {
namespace {

class Lexer {
 public:
  explicit Lexer(const std::shared_ptr<const SourceText>& source)
      : source_(source), text_(source->text) {}

  util::Result<std::vector<Token>> Run() {
    if (text_.starts_with("\xEF\xBB\xBF")) Advance(3);
    frames_.push_back(Frame{});
    while (pos_.byte < text_.size()) {
      Frame& top = frames_.back();
      util::Status step = top.mode == Mode::kMain     ? LexMain()
                          : top.mode == Mode::kQuoted ? LexQuoted()
                                                      : LexHeredoc();
      if (!step) return std::unexpected(std::move(step.error()));
    }
    for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
      if (it->mode == Mode::kQuoted || it->mode == Mode::kHeredoc) {
        return std::unexpected(Fail(it->opened,
                                    "Unterminated template string; No closing marker "
                                    "was found for the string."));
      }
    }
    Emit(TokenType::kEof, pos_);
    return std::move(tokens_);
  }

 private:
  enum class Mode { kMain, kQuoted, kHeredoc };
  struct Frame {
    Mode mode = Mode::kMain;
    int return_braces = -1;  // kMain inside a template sequence: the level whose `}` ends it.
    std::string marker;      // kHeredoc
    bool start_of_line = true;
    Pos opened;
  };

  util::Error Fail(Pos at, std::string message) const {
    return ErrorAt(Range{source_, at, at}, std::move(message));
  }

  char Peek(size_t ahead = 0) const {
    size_t i = pos_.byte + ahead;
    return i < text_.size() ? text_[i] : '\0';
  }
  bool Next(std::string_view s) const { return text_.substr(pos_.byte).starts_with(s); }

  void Advance(size_t n) { AdvancePos(text_, pos_, n); }

  Token& Emit(TokenType type, Pos start) {
    Token t;
    t.type = type;
    t.start = start;
    t.end = pos_;
    t.text = text_.substr(start.byte, pos_.byte - start.byte);
    tokens_.push_back(std::move(t));
    return tokens_.back();
  }

  // Consumes `n` bytes as one token.
  Token& Take(TokenType type, size_t n) {
    Pos start = pos_;
    Advance(n);
    return Emit(type, start);
  }

  // One character, which must be valid UTF-8; returns its length.
  util::Result<size_t> CheckedChar() const {
    size_t n = Utf8Length(text_, pos_.byte);
    if (n == 0) {
      return std::unexpected(Fail(pos_,
                                  "Invalid character encoding; All input files must be UTF-8 "
                                  "encoded. Ensure that UTF-8 encoding is selected in your "
                                  "editor."));
    }
    return n;
  }

  void OpenSequence(TokenType type) {
    Token& t = Take(type, Peek(2) == '~' ? 3 : 2);
    t.strip = t.text.size() == 3;
    ++braces_;
    frames_.back().start_of_line = false;
    frames_.push_back(Frame{Mode::kMain, braces_, "", false, t.start});
  }

  util::Status LexMain();
  util::Status LexQuoted();
  util::Status LexHeredoc();
  util::Status LexNumber();

  std::shared_ptr<const SourceText> source_;
  std::string_view text_;
  Pos pos_;
  int braces_ = 0;
  std::vector<Frame> frames_;
  std::vector<Token> tokens_;
};

util::Status Lexer::LexMain() {
  char c = Peek();
  if (c == ' ' || c == '\t') {
    Advance(1);
    return {};
  }
  if (c == '\n' || (c == '\r' && Peek(1) == '\n')) {
    Take(TokenType::kNewline, c == '\n' ? 1 : 2);
    return {};
  }
  if (c == '#' || Next("//")) {
    // A line comment stands for the newline that ends it (hclsyntax's peeker does the same).
    size_t nl = text_.find('\n', pos_.byte);
    if (nl == std::string_view::npos) nl = text_.size();
    Advance(nl - pos_.byte);
    if (pos_.byte < text_.size()) Take(TokenType::kNewline, 1);
    return {};
  }
  if (Next("/*")) {
    size_t close = text_.find("*/", pos_.byte + 2);
    if (close == std::string_view::npos) {
      return std::unexpected(Fail(pos_,
                                  "Unterminated comment; There is no \"*/\" closing this "
                                  "comment before the end of the file."));
    }
    Advance(close + 2 - pos_.byte);
    return {};
  }
  if (c >= '0' && c <= '9') return LexNumber();
  if (IsIdentStart(text_, pos_.byte)) {
    size_t end = pos_.byte;
    while (end < text_.size() && IsIdentContinue(text_, end)) end += Utf8Length(text_, end);
    Take(TokenType::kIdent, end - pos_.byte);
    return {};
  }
  if (c == '"') {
    Token& t = Take(TokenType::kOQuote, 1);
    frames_.push_back(Frame{Mode::kQuoted, -1, "", false, t.start});
    return {};
  }
  if (Next("<<")) {
    size_t i = pos_.byte + 2;
    bool flush = i < text_.size() && text_[i] == '-';
    if (flush) ++i;
    size_t name = i;
    if (IsIdentStart(text_, i)) {
      while (i < text_.size() && IsIdentContinue(text_, i)) i += Utf8Length(text_, i);
      std::string marker(text_.substr(name, i - name));
      size_t eol = text_.substr(i).starts_with("\r\n") ? 2
                   : text_.substr(i).starts_with("\n") ? 1
                                                       : 0;
      if (eol != 0) {
        Token& t = Take(TokenType::kOHeredoc, i + eol - pos_.byte);
        t.flush = flush;
        frames_.push_back(Frame{Mode::kHeredoc, -1, std::move(marker), true, t.start});
        return {};
      }
    }
  }
  if (c == '{') {
    ++braces_;
    Take(TokenType::kOBrace, 1);
    return {};
  }
  if (c == '}' || Next("~}")) {
    bool strip = c == '~';
    Frame& top = frames_.back();
    bool ends_sequence = frames_.size() > 1 && top.return_braces == braces_;
    // `~}` is always a sequence end: the parser then reports a `~}` that closes an object.
    Token& t =
        Take(ends_sequence || strip ? TokenType::kSeqEnd : TokenType::kCBrace, strip ? 2 : 1);
    t.strip = strip;
    --braces_;
    if (ends_sequence) frames_.pop_back();
    return {};
  }
  static constexpr std::pair<std::string_view, TokenType> kOperators[] = {
      {"...", TokenType::kEllipsis}, {"==", TokenType::kEqualOp},   {"!=", TokenType::kNotEqual},
      {"<=", TokenType::kLessEq},    {">=", TokenType::kGreaterEq}, {"&&", TokenType::kAnd},
      {"||", TokenType::kOr},        {"=>", TokenType::kFatArrow},  {"::", TokenType::kDoubleColon},
      {"[", TokenType::kOBrack},     {"]", TokenType::kCBrack},     {"(", TokenType::kOParen},
      {")", TokenType::kCParen},     {",", TokenType::kComma},      {".", TokenType::kDot},
      {"*", TokenType::kStar},       {"/", TokenType::kSlash},      {"%", TokenType::kPercent},
      {"+", TokenType::kPlus},       {"-", TokenType::kMinus},      {"=", TokenType::kEqual},
      {"<", TokenType::kLess},       {">", TokenType::kGreater},    {"!", TokenType::kBang},
      {"?", TokenType::kQuestion},   {":", TokenType::kColon},
  };
  for (const auto& [spelling, type] : kOperators) {
    if (Next(spelling)) {
      Take(type, spelling.size());
      return {};
    }
  }
  MANIFOLD_TRY(CheckedChar());
  if (c == '\'') {
    return std::unexpected(Fail(pos_,
                                "Invalid character; Single quotes are not valid. Use double "
                                "quotes (\") to enclose strings."));
  }
  return std::unexpected(Fail(pos_,
                              "Invalid character; This character is not used within the "
                              "language."));
}

util::Status Lexer::LexNumber() {
  // hclsyntax's NumberLit: digits, with '.' or an exponent only where a digit follows, so
  // `foo.0.bar` and `1.` end before the dot. Validity (`1.2.3`) is the parser's concern.
  size_t i = pos_.byte;
  auto at = [&](size_t j) { return j < text_.size() ? text_[j] : '\0'; };
  auto digit = [&](size_t j) { return at(j) >= '0' && at(j) <= '9'; };
  while (i < text_.size()) {
    if (digit(i)) {
      ++i;
    } else if (at(i) == '.' && digit(i + 1)) {
      i += 2;
    } else if ((at(i) == 'e' || at(i) == 'E') && digit(i + 1)) {
      i += 2;
    } else if ((at(i) == 'e' || at(i) == 'E') && (at(i + 1) == '+' || at(i + 1) == '-') &&
               digit(i + 2)) {
      i += 3;
    } else {
      break;
    }
  }
  Take(TokenType::kNumber, i - pos_.byte);
  return {};
}

util::Status Lexer::LexQuoted() {
  Pos start = pos_;
  std::string value;
  while (pos_.byte < text_.size()) {
    char c = Peek();
    if (c == '"' || Next("${") || Next("%{")) break;
    if (c == '\n' || c == '\r') {
      return std::unexpected(Fail(pos_,
                                  "Invalid multi-line string; Quoted strings may not be "
                                  "split over multiple lines. To produce a multi-line "
                                  "string, either use the \\n escape to represent a newline "
                                  "character or use the \"heredoc\" multi-line template "
                                  "syntax."));
    }
    if (Next("$${") || Next("%%{")) {
      value += c;
      value += '{';
      Advance(3);
      continue;
    }
    if (c == '\\') {
      auto escaped = DecodeEscape(text_, pos_.byte);
      if (!escaped) return std::unexpected(Fail(pos_, std::move(escaped.error())));
      value += escaped->first;
      Advance(escaped->second);
      continue;
    }
    size_t n = MANIFOLD_TRY(CheckedChar());
    value.append(text_.substr(pos_.byte, n));
    Advance(n);
  }
  if (pos_.byte > start.byte) Emit(TokenType::kLiteral, start).value = std::move(value);
  if (pos_.byte >= text_.size()) return {};
  if (Peek() == '"') {
    Take(TokenType::kCQuote, 1);
    frames_.pop_back();
  } else {
    OpenSequence(Peek() == '$' ? TokenType::kInterp : TokenType::kControl);
  }
  return {};
}

util::Status Lexer::LexHeredoc() {
  Frame& frame = frames_.back();
  if (frame.start_of_line) {
    size_t nl = text_.find('\n', pos_.byte);
    size_t line_end = nl == std::string_view::npos ? text_.size() : nl;
    if (TrimSpaces(text_.substr(pos_.byte, line_end - pos_.byte)) == frame.marker) {
      // The marker and its newline are two tokens: the newline also ends the attribute.
      Take(TokenType::kCHeredoc, line_end - pos_.byte);
      frames_.pop_back();
      if (nl != std::string_view::npos) Take(TokenType::kNewline, 1);
      return {};
    }
  }
  Pos start = pos_;
  bool line_start = frame.start_of_line;
  std::string value;
  frame.start_of_line = false;
  while (pos_.byte < text_.size()) {
    char c = Peek();
    if (Next("${") || Next("%{")) break;
    if (Next("$${") || Next("%%{")) {
      value += c;
      value += '{';
      Advance(3);
      continue;
    }
    size_t n = MANIFOLD_TRY(CheckedChar());
    value.append(text_.substr(pos_.byte, n));
    Advance(n);
    if (c == '\n') {
      // Each line is its own literal: strip markers and `<<-` act on one line's text.
      frame.start_of_line = true;
      break;
    }
  }
  if (pos_.byte > start.byte) {
    Token& t = Emit(TokenType::kLiteral, start);
    t.value = std::move(value);
    t.line_start = line_start;
  }
  if (!frame.start_of_line && pos_.byte < text_.size()) {
    OpenSequence(Peek() == '$' ? TokenType::kInterp : TokenType::kControl);
  }
  return {};
}

}  // namespace

util::Result<std::vector<Token>> Lex(const std::shared_ptr<const SourceText>& source) {
  return Lexer(source).Run();
}

}  // namespace manifold::hcl::internal
