// AddStandardFunctions: the function library `docker buildx bake` offers in HCL files.
#pragma once

#include "hcl/eval.hpp"

namespace manifold::hcl {

/// Defines in `ctx` the functions of buildx's bake/hclparser/stdlib.go (go-cty's stdlib plus
/// go-cty-funcs and buildx's own), with cty's semantics on this layer's values: strings,
/// collections (tuples for lists and sets, objects for maps), numbers, encodings (base64, csv,
/// json, url, uuid), hashes (md5, sha1, sha256, sha512), date and time, and regular
/// expressions. Argument errors name the parameter and its position:
/// `Invalid value for "str" parameter (argument 1): string required, but have tuple`.
///
/// Deviations from buildx, each because this layer has no equivalent:
/// - not defined: `can`, `try` (they need unevaluated arguments), `convert` (type
///   expressions), `bcrypt`, `rsadecrypt`, `byteslen` and `bytesslice`.
/// - sets are tuples of distinct elements; set functions return their elements in cty's
///   order for primitives (numbers ascending, then strings lexically) and first-seen otherwise.
/// - `strlen`, `substr`, `length` and `reverse` count code points with combining marks,
///   variation selectors and zero-width joiners folded into the preceding character, an
///   approximation of Unicode grapheme clusters.
/// - `regex`, `regexall` and `regex_replace` run on this layer's RE2-syntax engine
///   (internal/regexp.hpp), with Go's leftmost-first matching and empty-match rules; it lacks
///   Unicode classes (`\p{...}`) and folds case for ASCII only under `(?i)`. A match whose
///   cost (subject bytes x program size) exceeds 5e7 is refused.
/// - `replace` is cty's plain substring replacement (Terraform's `/regex/` form is not
///   cty's, so not buildx's either).
/// - Outputs are bounded: more than 1,000,000 elements or 16 MiB in one result is an error.
///
/// `timestamp` and `uuidv4` are not deterministic. Thread-safety: as EvalContext; the
/// functions themselves may run concurrently.
void AddStandardFunctions(EvalContext& ctx);

}  // namespace manifold::hcl
