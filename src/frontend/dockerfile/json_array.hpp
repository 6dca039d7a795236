// Decodes the exec form `["a", "b"]` exactly as BuildKit's encoding/json use does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace manifold::frontend::dockerfile {

/// What ParseJsonArray found.
enum class JsonArrayKind {
  kNotJson,    ///< Not a syntactically valid JSON value starting with `[`: use the shell form.
  kStrings,    ///< A JSON array whose elements are all strings.
  kNonString,  ///< A valid JSON array holding something other than a string: an error.
};

/// The outcome of ParseJsonArray.
struct JsonArray {
  JsonArrayKind kind = JsonArrayKind::kNotJson;
  std::vector<std::string> values;  ///< The decoded strings for kStrings.
};

/// Decodes the first JSON value of `text` (leading Unicode spaces skipped) when it is an array.
/// Like Go's json.Decoder, bytes after the value are ignored; lone UTF-16 surrogates decode to
/// U+FFFD; nesting deeper than 10000 is a syntax error.
JsonArray ParseJsonArray(std::string_view text);

}  // namespace manifold::frontend::dockerfile
