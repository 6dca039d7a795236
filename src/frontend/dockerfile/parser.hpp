// Parse: Dockerfile bytes → AST (BuildKit's parser rules; no disk access).
#pragma once

#include <stop_token>
#include <string_view>

#include "frontend/dockerfile/ast.hpp"
#include "util/error.hpp"

namespace manifold::frontend::dockerfile {

/// Parses a whole Dockerfile. `file_name` only labels error locations.
///
/// Lines: a UTF-8 BOM is dropped; parser directives are read from the top; comments and blank
/// lines produce nothing; a line ending in an unescaped escape character continues on the next
/// (comment and empty lines inside a continuation are skipped, empty ones with a warning);
/// heredoc bodies of shell-form RUN/COPY/ADD (also under ONBUILD) are read after their line.
///
/// Arguments per keyword (see line_parsers.hpp): RUN/CMD/ENTRYPOINT/SHELL a JSON string array or
/// one string; ADD/COPY/VOLUME a JSON string array or words; FROM/EXPOSE words; ENV/LABEL
/// key/value/separator triples; ARG quoted words; HEALTHCHECK type + command; ONBUILD a trigger;
/// MAINTAINER/USER/WORKDIR/STOPSIGNAL one string; an unknown keyword one empty argument (it is
/// not an error here).
///
/// Errors are kInvalidArgument with a SourceLocation (file, 1-based line and column, the line's
/// text): invalid UTF-8, a bad/unknown/repeated directive, an instruction syntax error, an
/// unterminated heredoc (located at its instruction, naming the terminator), a file without
/// instructions, and the limits of limits.hpp (file, line, joined instruction, heredoc body,
/// instruction count), each refused as soon as it is passed, so parsing stays linear. The
/// line's text is left out of a location while the file does not look like a Dockerfile (no
/// known instruction yet, and the line does not start with one or with '#'): the bytes of a
/// file that is not a Dockerfile are not echoed.
util::Result<Dockerfile> Parse(std::string_view bytes, std::string_view file_name);

/// Parse, checking `stop` every few thousand lines: once it is stopped, a kCancelled error.
util::Result<Dockerfile> Parse(std::string_view bytes, std::string_view file_name,
                               std::stop_token stop);

}  // namespace manifold::frontend::dockerfile
