// SecretMasker: the patterns a secret's value yields, and their replacement in output lines.
#include "session/secret_masker.hpp"

#include <algorithm>
#include <set>

#include "util/base64.hpp"

namespace manifold::session {
namespace {

constexpr size_t kMinValue = 3;
constexpr size_t kMinLine = 4;
constexpr size_t kMinBase64 = 6;
constexpr std::string_view kMask = "****";

std::string_view TrimTrailingNewlines(std::string_view v) {
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.remove_suffix(1);
  return v;
}

// The characters of base64(`shift` unknown bytes + value + unknown bytes) that depend only on
// the value: the value's encoding wherever it sits in a longer encoded text. Characters that
// share bits with the bytes before or after are left out.
std::string StableBase64(std::string_view value, size_t shift) {
  std::string shifted(shift, '\0');
  shifted.append(value);
  std::string encoded = util::Base64Encode(shifted);
  const size_t first = (shift * 8 + 5) / 6;         // first character with no bit of the prefix
  const size_t end = (shifted.size() * 8) / 6;      // characters made only of known bits
  if (end <= first) return {};
  return encoded.substr(first, end - first);
}

}  // namespace

SecretMasker::SecretMasker(const std::vector<std::string_view>& values) {
  std::set<std::string> unique;
  for (std::string_view value : values) {
    if (value.size() >= kMinValue) unique.emplace(value);
    std::string_view trimmed = TrimTrailingNewlines(value);
    if (trimmed.size() >= kMinValue) unique.emplace(trimmed);
    for (size_t start = 0; start < trimmed.size();) {
      size_t nl = trimmed.find('\n', start);
      if (nl == std::string_view::npos) nl = trimmed.size();
      std::string_view line = TrimTrailingNewlines(trimmed.substr(start, nl - start));
      if (line.size() >= kMinLine) unique.emplace(line);
      start = nl + 1;
    }
    for (std::string_view form : {value, trimmed}) {
      if (form.size() < kMinValue) continue;
      // Whole-value encodings, padding included, are longer than any fragment: masked first.
      unique.insert(util::Base64Encode(form));
      for (size_t shift = 0; shift < 3; ++shift) {
        std::string fragment = StableBase64(form, shift);
        if (fragment.size() >= kMinBase64) unique.insert(std::move(fragment));
      }
    }
  }
  patterns_.assign(unique.begin(), unique.end());
  std::stable_sort(patterns_.begin(), patterns_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string SecretMasker::Mask(std::string text) const {
  for (const auto& pattern : patterns_) {
    for (size_t at = 0; (at = text.find(pattern, at)) != std::string::npos;) {
      text.replace(at, pattern.size(), kMask);
      at += kMask.size();
    }
  }
  return text;
}

}  // namespace manifold::session
