// AddStandardFunctions: the function library `docker buildx bake` offers in HCL files.
#pragma once

#include "hcl/eval.hpp"

namespace manifold::hcl {

/// Defines in `ctx` the functions of buildx's bake/hclparser/stdlib.go (go-cty's stdlib,
/// go-cty-funcs' cidr, crypto, encoding and uuid packages, and buildx's own: basename,
/// dirname, homedir, indexof, sanitize, semvercmp, formattimestamp, timestamp,
/// unixtimestampparse), with their semantics on this layer's values: strings, format,
/// collections (tuples stand for lists and sets, objects for maps), numbers, logic,
/// encodings, hashes (lower-case hex), date and time, regular expressions, semver and CIDR.
/// Arity is checked by Function; an argument of the wrong type is an error naming the
/// parameter and its position, as `Invalid value for "str" parameter (argument 1): string
/// required, but have tuple` (the evaluator adds `Call to function "upper" failed: `).
///
/// Deviations from buildx, each because this layer has no equivalent:
/// - `can`, `try` and `convert` are not defined here: they take unevaluated arguments (an
///   expression, a type expression), so the evaluator implements them for every context.
/// - `byteslen` and `bytesslice` take cty's `bytes` capsule type, which no value here has:
///   they fail as cty's do for any argument ("bytes required, but have string").
/// - sets are tuples of distinct elements; set functions return their elements in cty's
///   order for primitives (numbers ascending, then strings lexically) and first-seen otherwise.
/// - numbers are doubles, so integers beyond 2^53 and `parseint` of long digit strings lose
///   precision where cty's big floats do not.
/// - `strlen`, `substr`, `length`, `reverse` and format widths count code points with
///   combining marks, variation selectors, emoji modifiers and zero-width joiners folded into
///   the preceding character, an approximation of Unicode grapheme clusters.
/// - `upper`, `lower` and `title` map case through glibc's C.UTF-8 tables (ASCII only when
///   that locale is missing).
/// - `regex`, `regexall`, `regex_replace` and `semvercmp` run on this layer's RE2-syntax
///   engine (internal/regexp.hpp) with Go's leftmost-first matching and empty-match rules; it
///   lacks Unicode classes (`\p{...}`) and folds case for ASCII only under `(?i)`. A match
///   whose cost (subject bytes x program size) exceeds 5e7 is refused.
/// - `replace` is cty's plain substring replacement (Terraform's `/regex/` form is not
///   cty's, so not buildx's either).
/// - Outputs are bounded: more than 1,000,000 elements or 16 MiB in one result, or a format
///   width or precision over 1,000,000, is an error. `range` keeps cty's own 1024 limit.
///
/// `timestamp` and `uuidv4` are not deterministic; `homedir` reads $HOME. Thread-safety: as
/// EvalContext; the functions themselves may run concurrently.
void AddStandardFunctions(EvalContext& ctx);

}  // namespace manifold::hcl
