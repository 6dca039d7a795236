// A small JSON reader with Go's encoding/json rules, enough to tell the exec form from the shell
// form the way Docker does (nlohmann would disagree on trailing bytes and lone surrogates).
#include "frontend/dockerfile/json_array.hpp"

#include <optional>
#include <vector>

#include "frontend/dockerfile/text.hpp"
#include "util/utf8.hpp"

namespace manifold::frontend::dockerfile {
namespace {

constexpr int kMaxDepth = 10000;  // Go's encoding/json maxNestingDepth

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  std::size_t pos() const { return pos_; }

  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool Peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

  bool Consume(char c) {
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }

  // Skips one well-formed value. Iterative, so that a 1 MiB line of '[' cannot exhaust the stack.
  bool SkipValue() {
    std::vector<char> open;  // the containers we are inside: '[' or '{'
    for (;;) {
      // Here a value is expected.
      SkipSpace();
      if (pos_ >= text_.size()) return false;
      const char c = text_[pos_];
      bool closed_value = true;
      if (c == '[' || c == '{') {
        if (open.size() >= static_cast<std::size_t>(kMaxDepth)) return false;
        ++pos_;
        open.push_back(c);
        SkipSpace();
        if (Consume(c == '[' ? ']' : '}')) {
          open.pop_back();
        } else {
          if (c == '{' && !Key()) return false;
          closed_value = false;
        }
      } else if (c == '"') {
        std::string ignored;
        if (!String(&ignored)) return false;
      } else if (!Scalar()) {
        return false;
      }
      if (!closed_value) continue;
      // After a value: close containers or move to the next element.
      for (;;) {
        if (open.empty()) return true;
        SkipSpace();
        if (Consume(open.back() == '[' ? ']' : '}')) {
          open.pop_back();
          continue;
        }
        if (!Consume(',')) return false;
        if (open.back() == '{' && !Key()) return false;
        break;
      }
    }
  }

  bool String(std::string* out);

 private:
  // An object key and its colon.
  bool Key() {
    SkipSpace();
    std::string key;
    if (!Peek('"') || !String(&key)) return false;
    SkipSpace();
    return Consume(':');
  }

  bool Scalar() {
    switch (text_[pos_]) {
      case 't': return Literal("true");
      case 'f': return Literal("false");
      case 'n': return Literal("null");
      default: return Number();
    }
  }

  bool Literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool Digits() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

  bool Number() {
    Consume('-');
    if (Consume('0')) {
      // A leading zero stands alone.
    } else if (pos_ < text_.size() && text_[pos_] >= '1' && text_[pos_] <= '9') {
      Digits();
    } else {
      return false;
    }
    if (Consume('.') && !Digits()) return false;
    if (Peek('e') || Peek('E')) {
      ++pos_;
      if (!Consume('+')) Consume('-');
      if (!Digits()) return false;
    }
    return true;
  }

  std::optional<char32_t> Hex4() {
    if (pos_ + 4 > text_.size()) return std::nullopt;
    char32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[pos_ + i];
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= c - '0';
      } else if (c >= 'a' && c <= 'f') {
        v |= c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        v |= c - 'A' + 10;
      } else {
        return std::nullopt;
      }
    }
    pos_ += 4;
    return v;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

bool Reader::String(std::string* out) {
  ++pos_;  // opening quote
  for (;;) {
    if (pos_ >= text_.size()) return false;
    const unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') {
      ++pos_;
      return true;
    }
    if (c < 0x20) return false;
    if (c != '\\') {
      *out += static_cast<char>(c);
      ++pos_;
      continue;
    }
    if (++pos_ >= text_.size()) return false;
    const char e = text_[pos_++];
    switch (e) {
      case '"': case '\\': case '/': *out += e; break;
      case 'b': *out += '\b'; break;
      case 'f': *out += '\f'; break;
      case 'n': *out += '\n'; break;
      case 'r': *out += '\r'; break;
      case 't': *out += '\t'; break;
      case 'u': {
        std::optional<char32_t> r = Hex4();
        if (!r) return false;
        char32_t rune = *r;
        if (rune >= 0xD800 && rune <= 0xDFFF) {
          // A high surrogate joins a following \u low surrogate; anything else is U+FFFD and
          // the next escape is decoded on its own, as Go's unquote does.
          rune = 0xFFFD;
          if (*r < 0xDC00 && text_.substr(pos_, 2) == "\\u") {
            const std::size_t save = pos_;
            pos_ += 2;
            std::optional<char32_t> low = Hex4();
            if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
              rune = 0x10000 + ((*r - 0xD800) << 10) + (*low - 0xDC00);
            } else {
              pos_ = save;
            }
          }
        }
        util::AppendUtf8(*out, rune);
        break;
      }
      default:
        return false;
    }
  }
}

}  // namespace

JsonArray ParseJsonArray(std::string_view text) {
  text = TrimLeftSpace(text);
  JsonArray result;
  if (text.empty() || text.front() != '[') return result;
  // First the whole value must be well-formed (Go scans it before decoding), then every
  // element must be a string.
  Reader reader(text);
  if (!reader.SkipValue()) return result;
  Reader elements(text);
  elements.Consume('[');
  elements.SkipSpace();
  result.kind = JsonArrayKind::kStrings;
  if (elements.Consume(']')) return result;
  for (;;) {
    elements.SkipSpace();
    std::string value;
    if (!elements.Peek('"') || !elements.String(&value)) {
      result.values.clear();
      result.kind = JsonArrayKind::kNonString;
      return result;
    }
    result.values.push_back(std::move(value));
    elements.SkipSpace();
    if (elements.Consume(']')) return result;
    elements.Consume(',');
  }
}

}  // namespace manifold::frontend::dockerfile
