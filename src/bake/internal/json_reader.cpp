// ReadJson: a small recursive-descent JSON reader that tracks lines and columns for errors.
#include "bake/internal/json_reader.hpp"

#include <fmt/format.h>

#include "util/utf8.hpp"

namespace manifold::bake::internal {
namespace {

constexpr int kMaxDepth = 256;

class Reader {
 public:
  explicit Reader(std::shared_ptr<const hcl::SourceText> src)
      : src_(std::move(src)), s_(src_->text) {}

  util::Result<JsonNode> ReadAll() {
    SkipSpace();
    JsonNode node = MANIFOLD_TRY(Value(0));
    SkipSpace();
    if (i_ < s_.size()) return Fail("unexpected data after the top-level value");
    return node;
  }

 private:
  hcl::Pos Here() const { return hcl::Pos{line_, column_, i_}; }

  hcl::Range RangeFrom(hcl::Pos start) const { return hcl::Range{src_, start, Here()}; }

  std::unexpected<util::Error> Fail(std::string_view what) const {
    return std::unexpected(hcl::ErrorAt(RangeFrom(Here()), fmt::format("Invalid JSON; {}.", what)));
  }

  void Advance() {
    unsigned char c = static_cast<unsigned char>(s_[i_++]);
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column_;
    }
  }

  void SkipSpace() {
    while (i_ < s_.size() &&
           (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) {
      Advance();
    }
  }

  bool Literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    for (size_t n = 0; n < word.size(); ++n) Advance();
    return true;
  }

  util::Result<JsonNode> Value(int depth) {
    if (depth > kMaxDepth) return Fail("nesting is too deep");
    if (i_ >= s_.size()) return Fail("unexpected end of input");
    hcl::Pos start = Here();
    JsonNode node;
    char c = s_[i_];
    if (c == '{') {
      node = MANIFOLD_TRY(Object(depth));
    } else if (c == '[') {
      node = MANIFOLD_TRY(Array(depth));
    } else if (c == '"') {
      node.type = JsonNode::Type::kString;
      node.text = MANIFOLD_TRY(String());
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      node.type = JsonNode::Type::kNumber;
      node.text = MANIFOLD_TRY(Number());
    } else if (Literal("true")) {
      node.type = JsonNode::Type::kBool;
      node.boolean = true;
    } else if (Literal("false")) {
      node.type = JsonNode::Type::kBool;
    } else if (Literal("null")) {
      node.type = JsonNode::Type::kNull;
    } else {
      return Fail(fmt::format("unexpected character '{}'", c));
    }
    node.range = RangeFrom(start);
    return node;
  }

  util::Result<JsonNode> Object(int depth) {
    JsonNode node;
    node.type = JsonNode::Type::kObject;
    Advance();  // {
    SkipSpace();
    if (i_ < s_.size() && s_[i_] == '}') {
      Advance();
      return node;
    }
    while (true) {
      SkipSpace();
      if (i_ >= s_.size() || s_[i_] != '"') return Fail("a property name (a string) is expected");
      hcl::Pos key_start = Here();
      std::string key = MANIFOLD_TRY(String());
      hcl::Range key_range = RangeFrom(key_start);
      SkipSpace();
      if (i_ >= s_.size() || s_[i_] != ':') return Fail("a colon is expected after the name");
      Advance();
      SkipSpace();
      JsonNode value = MANIFOLD_TRY(Value(depth + 1));
      node.properties.emplace_back(std::move(key), std::move(value));
      node.key_ranges.push_back(std::move(key_range));
      SkipSpace();
      if (i_ < s_.size() && s_[i_] == ',') {
        Advance();
        continue;
      }
      if (i_ < s_.size() && s_[i_] == '}') {
        Advance();
        return node;
      }
      return Fail("a comma or a closing brace is expected");
    }
  }

  util::Result<JsonNode> Array(int depth) {
    JsonNode node;
    node.type = JsonNode::Type::kArray;
    Advance();  // [
    SkipSpace();
    if (i_ < s_.size() && s_[i_] == ']') {
      Advance();
      return node;
    }
    while (true) {
      SkipSpace();
      node.items.push_back(MANIFOLD_TRY(Value(depth + 1)));
      SkipSpace();
      if (i_ < s_.size() && s_[i_] == ',') {
        Advance();
        continue;
      }
      if (i_ < s_.size() && s_[i_] == ']') {
        Advance();
        return node;
      }
      return Fail("a comma or a closing bracket is expected");
    }
  }

  util::Result<std::string> Number() {
    size_t start = i_;
    auto digits = [&] {
      size_t from = i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') Advance();
      return i_ > from;
    };
    if (s_[i_] == '-') Advance();
    if (i_ < s_.size() && s_[i_] == '0') {
      Advance();
    } else if (!digits()) {
      return Fail("invalid number");
    }
    if (i_ < s_.size() && s_[i_] == '.') {
      Advance();
      if (!digits()) return Fail("invalid number");
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      Advance();
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) Advance();
      if (!digits()) return Fail("invalid number");
    }
    return std::string(s_.substr(start, i_ - start));
  }

  util::Result<unsigned> Hex4() {
    if (i_ + 4 > s_.size()) return Fail("invalid \\u escape");
    unsigned v = 0;
    for (int n = 0; n < 4; ++n) {
      char c = s_[i_];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
      else return Fail("invalid \\u escape");
      Advance();
    }
    return v;
  }

  util::Result<std::string> String() {
    Advance();  // "
    std::string out;
    while (true) {
      if (i_ >= s_.size()) return Fail("unterminated string");
      char c = s_[i_];
      if (c == '"') {
        Advance();
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) return Fail("control character in a string");
      if (c != '\\') {
        out += c;
        Advance();
        continue;
      }
      Advance();
      if (i_ >= s_.size()) return Fail("unterminated string");
      char e = s_[i_];
      Advance();
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = MANIFOLD_TRY(Hex4());
          if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(i_, 2) == "\\u") {
            Advance();
            Advance();
            unsigned low = MANIFOLD_TRY(Hex4());
            if (low < 0xDC00 || low >= 0xE000) return Fail("invalid surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xD800 && cp < 0xE000) {
            cp = 0xFFFD;  // a lone surrogate, as Go's decoder replaces it
          }
          util::AppendUtf8(out, cp);
          break;
        }
        default: return Fail(fmt::format("invalid escape \\{}", e));
      }
    }
  }

  std::shared_ptr<const hcl::SourceText> src_;
  std::string_view s_;
  size_t i_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace

util::Result<JsonNode> ReadJson(std::shared_ptr<const hcl::SourceText> source) {
  return Reader(std::move(source)).ReadAll();
}

}  // namespace manifold::bake::internal
