// Parse: Dockerfile bytes → AST (BuildKit's parser rules; no disk access).
#pragma once

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
/// text): invalid UTF-8, a line over 1 MiB, a bad/unknown/repeated directive, an instruction
/// syntax error, an unterminated heredoc (located at its instruction, naming the terminator),
/// and a file without instructions.
util::Result<Dockerfile> Parse(std::string_view bytes, std::string_view file_name);

}  // namespace manifold::frontend::dockerfile
