// Licence names → SPDX License List identifiers (spdx.org/licenses) and LicenseRefs.
#include "attest/spdx_license.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace manifold::attest {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

// Identifiers of the SPDX License List that packages in images commonly state.
constexpr std::array kSpdxIds = {
    "0BSD", "AFL-2.1", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.1", "Apache-2.0", "Artistic-1.0",
    "Artistic-1.0-Perl", "Artistic-2.0", "BSD-1-Clause", "BSD-2-Clause", "BSD-3-Clause", "BSD-4-Clause",
    "BSL-1.0", "BlueOak-1.0.0", "bzip2-1.0.6", "CC-BY-3.0", "CC-BY-4.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0",
    "CC0-1.0", "CDDL-1.0", "CDDL-1.1", "curl", "EPL-1.0", "EPL-2.0", "FSFAP", "FSFUL", "FSFULLR", "FTL",
    "GFDL-1.2-or-later", "GFDL-1.3-or-later", "GPL-1.0-or-later", "GPL-2.0-only", "GPL-2.0-or-later",
    "GPL-3.0-only", "GPL-3.0-or-later", "HPND", "ICU", "IJG", "ISC", "LGPL-2.0-only", "LGPL-2.0-or-later",
    "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "Libpng", "libtiff",
    "MIT", "MIT-0", "MPL-1.1", "MPL-2.0", "NCSA", "OpenSSL", "PSF-2.0", "Python-2.0", "Ruby", "Sleepycat",
    "Unicode-DFS-2016", "Unlicense", "UPL-1.0", "Vim", "WTFPL", "X11", "Zlib", "ZPL-2.1"};
constexpr std::array kExceptions = {"Autoconf-exception-3.0", "Bison-exception-2.2", "Classpath-exception-2.0",
                                    "GCC-exception-3.1", "LLVM-exception", "OpenSSL-exception"};
// Debian's DEP-5 short names and deprecated SPDX spellings that differ from the list's ids.
const std::vector<std::pair<std::string_view, std::string_view>> kAliases = {
    {"gpl-1+", "GPL-1.0-or-later"}, {"gpl-2", "GPL-2.0-only"}, {"gpl-2+", "GPL-2.0-or-later"},
    {"gpl-3", "GPL-3.0-only"}, {"gpl-3+", "GPL-3.0-or-later"}, {"lgpl-2", "LGPL-2.0-only"},
    {"lgpl-2+", "LGPL-2.0-or-later"}, {"lgpl-2.1", "LGPL-2.1-only"}, {"lgpl-2.1+", "LGPL-2.1-or-later"},
    {"lgpl-3", "LGPL-3.0-only"}, {"lgpl-3+", "LGPL-3.0-or-later"}, {"agpl-3", "AGPL-3.0-only"},
    {"agpl-3+", "AGPL-3.0-or-later"}, {"gpl-2.0", "GPL-2.0-only"}, {"gpl-2.0+", "GPL-2.0-or-later"},
    {"gpl-3.0", "GPL-3.0-only"}, {"gpl-3.0+", "GPL-3.0-or-later"},
    {"lgpl-2.0+", "LGPL-2.0-or-later"}, {"lgpl-3.0+", "LGPL-3.0-or-later"}, {"expat", "MIT"},
    {"apache-2", "Apache-2.0"}, {"artistic", "Artistic-1.0-Perl"}, {"psf-2", "PSF-2.0"}, {"mpl-2", "MPL-2.0"},
    {"gfdl-1.2+", "GFDL-1.2-or-later"}, {"gfdl-1.3+", "GFDL-1.3-or-later"}, {"bsd-3", "BSD-3-Clause"},
    {"bsd-2", "BSD-2-Clause"}, {"zlib/libpng", "Zlib"}, {"mit/x11", "MIT"}};

std::string Ref(std::string_view name) {
  std::string id = "LicenseRef-";
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    id += ok ? c : '-';
  }
  return id;
}

template <typename List>
std::string_view Find(const List& list, std::string_view name) {
  const std::string lower = Lower(name);
  for (std::string_view id : list) {
    if (Lower(id) == lower) return id;
  }
  return {};
}

// One licence name → an SPDX id or a LicenseRef (recorded in `out.refs`).
std::string Name(std::string_view name, SpdxLicense& out) {
  if (auto id = Find(kSpdxIds, name); !id.empty()) return std::string(id);
  const std::string lower = Lower(name);
  for (const auto& [alias, id] : kAliases) {
    if (alias == lower) return std::string(id);
  }
  // "Apache-2.0+"-style: an SPDX id with the deprecated "+" for "or later".
  if (name.ends_with("+")) {
    if (auto id = Find(kSpdxIds, name.substr(0, name.size() - 1)); !id.empty()) return std::string(id) + "+";
  }
  std::string ref = Ref(name);
  out.refs.emplace(ref, std::string(name));
  return ref;
}

std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
  };
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == ',') {
      flush();
    } else if (c == '(' || c == ')') {
      flush();
      out.emplace_back(1, c);
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

}  // namespace

SpdxLicense ToSpdxLicense(std::string_view declared) {
  SpdxLicense out;
  const auto tokens = Tokens(declared);
  if (tokens.empty()) {
    out.expression = "NOASSERTION";
    return out;
  }
  // Operands and operators must alternate; parentheses must balance; WITH takes an exception.
  std::string expr;
  int depth = 0;
  bool want_operand = true, valid = true;
  for (size_t i = 0; i < tokens.size() && valid; ++i) {
    const std::string& t = tokens[i];
    const std::string op = Lower(t);
    if (t == "(") {
      valid = want_operand;
      ++depth;
      expr += "(";
    } else if (t == ")") {
      valid = !want_operand && depth-- > 0;
      expr += ")";
    } else if (op == "and" || op == "&" || op == "or" || op == "|") {
      valid = !want_operand;
      want_operand = true;
      expr += (op == "and" || op == "&") ? " AND " : " OR ";
    } else if (op == "with") {
      const std::string_view exception = i + 1 < tokens.size() ? Find(kExceptions, tokens[i + 1]) : std::string_view{};
      valid = !want_operand && !exception.empty();
      expr += " WITH " + std::string(exception);
      ++i;
    } else {
      valid = want_operand;
      want_operand = false;
      expr += Name(t, out);
    }
  }
  if (!valid || want_operand || depth != 0) {
    out.refs.clear();
    std::string_view whole = declared;
    while (!whole.empty() && whole.back() == ' ') whole.remove_suffix(1);
    out.expression = Ref(whole);
    out.refs.emplace(out.expression, std::string(whole));
    return out;
  }
  out.expression = std::move(expr);
  return out;
}

}  // namespace manifold::attest
