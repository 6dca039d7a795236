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
///   expressions), `bcrypt`, `rsadecrypt`, `byteslen`, `bytesslice`, the `cidr*` family and
///   `semvercmp`.
/// - sets are tuples of distinct elements; set functions return their elements in cty's
///   order for primitives (numbers ascending, then strings lexically) and first-seen otherwise.
/// - `strlen`, `substr`, `length` and `reverse` count code points with combining marks,
///   variation selectors and zero-width joiners folded into the preceding character, an
///   approximation of Unicode grapheme clusters.
/// - `regex`, `regexall` and `regex_replace` run on std::regex (ECMAScript), not RE2: named
///   groups `(?P<n>...)`/`(?<n>...)` and a leading `(?i)`/`(?s)`/`(?m)` are translated;
///   `\A`, `\z`, `\pL` classes, other inline flags, and possessive features are not supported
///   (an error says so). Matching is on bytes, so `.` matches one byte of a multi-byte
///   character. Lookaheads, which RE2 rejects, are accepted.
/// - Outputs are bounded: more than 1,000,000 elements or 16 MiB in one result is an error.
///
/// `timestamp` and `uuidv4` are not deterministic. Thread-safety: as EvalContext; the
/// functions themselves may run concurrently.
void AddStandardFunctions(EvalContext& ctx);

}  // namespace manifold::hcl
