// Character classes of shell-word expansion, through glibc's Unicode tables.
#include "frontend/dockerfile/shell_chars.hpp"

#include <locale.h>
#include <wctype.h>

namespace manifold::frontend::dockerfile {
namespace {

// A private locale object (newlocale, not setlocale) so that the process's global locale is
// never touched; created once, kept for the life of the process.
locale_t Utf8Locale() {
  static const locale_t locale = [] {
    locale_t created = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    if (created == static_cast<locale_t>(nullptr)) {
      created = newlocale(LC_CTYPE_MASK, "C.utf8", static_cast<locale_t>(nullptr));
    }
    return created;
  }();
  return locale;
}

}  // namespace

bool IsGoDigit(char32_t rune) { return rune >= U'0' && rune <= U'9'; }

bool IsGoLetterOrDigit(char32_t rune) {
  if (rune < 0x80) {
    return (rune >= U'a' && rune <= U'z') || (rune >= U'A' && rune <= U'Z') || IsGoDigit(rune);
  }
  if (rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF)) return false;
  locale_t locale = Utf8Locale();
  if (locale == static_cast<locale_t>(nullptr)) return rune >= 0xC0;
  return iswalnum_l(static_cast<wint_t>(rune), locale) != 0;
}

}  // namespace manifold::frontend::dockerfile
