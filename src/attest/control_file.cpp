// A lenient Deb822 / RFC 822 header parser: databases in images are data, not trusted input.
#include "attest/control_file.hpp"

#include <algorithm>

namespace manifold::attest {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

std::string_view ControlParagraph::Get(std::string_view name) const {
  for (const auto& [key, value] : fields) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<ControlParagraph> ParseControl(std::string_view text, size_t max_paragraphs,
                                           const std::vector<std::string_view>& wanted) {
  std::vector<ControlParagraph> out;
  ControlParagraph current;
  bool open = false;        // a paragraph has started (some field line seen)
  bool keep_last = false;   // continuation lines belong to a kept field
  auto finish = [&] {
    if (open) out.push_back(std::move(current));
    current = {};
    open = keep_last = false;
  };
  size_t pos = 0;
  while (pos <= text.size() && out.size() < max_paragraphs) {
    const size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (Trim(line).empty()) {
      finish();
    } else if (line.front() == ' ' || line.front() == '\t') {
      if (keep_last && !current.fields.empty()) {
        auto& value = current.fields.back().second;
        value += '\n';
        value += Trim(line);
      }
    } else if (line.front() != '#') {
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string_view name = Trim(line.substr(0, colon));
      open = true;
      keep_last = wanted.empty() || std::any_of(wanted.begin(), wanted.end(),
                                                [&](std::string_view w) { return EqualsIgnoreCase(w, name); });
      if (keep_last) current.fields.emplace_back(std::string(name), std::string(Trim(line.substr(colon + 1))));
    }
    if (end == text.size()) break;
  }
  if (out.size() < max_paragraphs) finish();
  return out;
}

}  // namespace manifold::attest
