// Character classes of shell-word expansion: Go's unicode.IsLetter / unicode.IsDigit.
#pragma once

namespace manifold::frontend::dockerfile {

/// Go's unicode.IsDigit, restricted to what glibc classifies: ASCII '0'-'9' only. (Go also
/// counts other scripts' decimal digits; here those count as letters, see IsGoLetterOrDigit,
/// which matters only for a `$` directly followed by such a digit.)
bool IsGoDigit(char32_t rune);

/// Go's `unicode.IsLetter(r) || unicode.IsDigit(r)`: ASCII letters and digits, and non-ASCII
/// code points that glibc's C.UTF-8 locale calls alphanumeric (its Unicode tables). When that
/// locale is missing, every non-ASCII code point above U+00BF counts as a letter. Thread-safe.
bool IsGoLetterOrDigit(char32_t rune);

}  // namespace manifold::frontend::dockerfile
