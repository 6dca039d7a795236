// ParseDotEnv: the `.env` and `env_file` format as compose-go's dotenv package reads it.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bake/internal/compose_template.hpp"
#include "util/error.hpp"

namespace manifold::bake::internal {

/// KEY=VALUE pairs in file order (a key set twice keeps its first position, last value).
using EnvEntries = std::vector<std::pair<std::string, std::string>>;

/// Parses `text`: blank lines and `#` comment lines skipped; an optional `export ` prefix;
/// `KEY=VALUE` or `KEY: VALUE`; an unquoted value ends at the line's end or a ` #` comment and
/// is right-trimmed; a 'single-quoted' value is literal; a "double-quoted" value may span lines
/// and takes \n \t \" \\ \$ escapes; unquoted and double-quoted values are interpolated
/// (SubstituteVariables) with `lookup` first, then the keys read so far. A line holding only
/// KEY takes the value `lookup` gives, or is skipped. Keys are letters, digits and `_.-[]`.
/// Errors (kInvalidArgument) carry the line number: a bad key character, a space in a key,
/// an unterminated quote, a failed `${VAR:?}`.
util::Result<EnvEntries> ParseDotEnv(std::string_view text, const VariableLookup& lookup);

}  // namespace manifold::bake::internal
