// Recognising here-document openers (`<<EOF`, `<<-'EOF'`, `3<<EOF`) in Dockerfile lines.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/dockerfile/ast.hpp"
#include "util/error.hpp"

namespace manifold::frontend::dockerfile {

/// Classifies one shell word: a heredoc opener (the Heredoc without content), nullopt when the
/// word is not one (`<<`, `<EOF`, `<<EOF sh`), or an error (kInvalidArgument) for an unbalanced
/// quote in the terminator (`<<'EOF`). Spaces between `<<` and the terminator are allowed.
util::Result<std::optional<Heredoc>> ParseHeredocWord(std::string_view word);

/// The heredoc openers of a whole instruction line, in order. The line is split into shell words
/// with quotes and escapes kept, so `"<<EOF"` is not an opener; a line whose quotes don't
/// balance has none. Errors as ParseHeredocWord.
util::Result<std::vector<Heredoc>> HeredocsFromLine(std::string_view line);

/// `content` with the leading tabs of every line removed: what a `<<-` heredoc delivers.
std::string ChompHeredocContent(std::string_view content);

}  // namespace manifold::frontend::dockerfile
