// SanitizeForTerminal: text from outside (registries, token services, documents) made safe to print.
#pragma once

#include <string>
#include <string_view>

namespace manifold::util {

/// Returns `text` with every byte or character a terminal would act on made visible, so that a
/// registry's error message, a header or a manifest's annotation cannot clear the screen,
/// retitle the window, recolour, move the cursor or forge lines of output:
///   - C0 controls (U+0000–U+001F) and DEL (U+007F) become `\xNN` (ESC is `\x1b`), except TAB,
///     and except LF when `keep_newlines` (a multi-line message of manifold's own);
///   - C1 controls (U+0080–U+009F, UTF-8 encoded; U+009B is a one-character CSI) become `\u00NN`;
///   - bytes that are not well-formed UTF-8 become `\xNN`.
/// Everything else (printable ASCII, well-formed UTF-8, backslashes) is kept as is. Pure.
std::string SanitizeForTerminal(std::string_view text, bool keep_newlines = false);

}  // namespace manifold::util
