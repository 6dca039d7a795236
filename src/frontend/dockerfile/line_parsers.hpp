// The per-instruction argument rules: how the text after keyword and flags becomes arguments.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace manifold::frontend::dockerfile {

/// Arguments of one instruction and whether they came from a JSON array.
struct ParsedArgs {
  std::vector<std::string> args;
  bool json_form = false;
};

/// Shell-like words with quotes and escapes kept in the text (ENV/LABEL/ARG): Unicode spaces
/// split outside quotes, `escape` keeps the next character (not inside single quotes).
std::vector<std::string> SplitQuotedWords(std::string_view text, char escape);

/// RUN/CMD/ENTRYPOINT/SHELL: a JSON array of strings, otherwise the whole text as one argument.
util::Result<ParsedArgs> ParseMaybeJson(std::string_view text);

/// ADD/COPY/VOLUME: a JSON array of strings, otherwise whitespace-separated words.
util::Result<ParsedArgs> ParseMaybeJsonToList(std::string_view text);

/// FROM/EXPOSE: split on runs of `[\t\v\f\r ]`.
ParsedArgs ParseWhitespaceDelimited(std::string_view text);

/// ENV/LABEL (`keyword` names it in errors): key/value/separator triples, old or `k=v` form.
util::Result<ParsedArgs> ParseNameValue(std::string_view text, std::string_view keyword,
                                        char escape);

/// ARG: one argument per quoted word.
ParsedArgs ParseNameOrNameValue(std::string_view text, char escape);

/// HEALTHCHECK: the type word, then the rest as ParseMaybeJson.
util::Result<ParsedArgs> ParseHealthcheck(std::string_view text);

}  // namespace manifold::frontend::dockerfile
