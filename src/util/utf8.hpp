// util::AppendUtf8: one UTF-8 encoder for the parsers (Dockerfile, HCL, bake's JSON).
#pragma once

#include <string>

namespace manifold::util {

/// Appends the UTF-8 encoding of `rune` (a Unicode scalar value: at most U+10FFFF, not a
/// surrogate; the caller checks) to `out`: one to four bytes.
void AppendUtf8(std::string& out, char32_t rune);

}  // namespace manifold::util
