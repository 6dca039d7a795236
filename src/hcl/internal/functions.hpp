// The families of the standard function library, and the argument helpers they share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hcl/eval.hpp"
#include "hcl/value.hpp"
#include "util/error.hpp"

namespace manifold::hcl::internal {

/// Each defines one family of functions in `ctx` (functions_<family>.cpp).
void AddStringFunctions(EvalContext& ctx);
void AddFormatFunctions(EvalContext& ctx);
void AddCollectionFunctions(EvalContext& ctx);  // and AddSetFunctions
void AddSetFunctions(EvalContext& ctx);
void AddNumericFunctions(EvalContext& ctx);
void AddEncodingFunctions(EvalContext& ctx);
void AddCryptoFunctions(EvalContext& ctx);
void AddDatetimeFunctions(EvalContext& ctx);
void AddRegexFunctions(EvalContext& ctx);
void AddSemverFunctions(EvalContext& ctx);
void AddCidrFunctions(EvalContext& ctx);
void AddBytesFunctions(EvalContext& ctx);

/// The bounds on one function result, so that a short expression cannot exhaust memory (the
/// evaluator bounds templates at the same 16 MiB).
inline constexpr size_t kMaxElements = 1'000'000;
inline constexpr size_t kMaxBytes = size_t{16} << 20;

using Args = std::vector<Value>;

/// The error for argument `index` (0-based) named `param`, in cty's words plus the position:
/// `Invalid value for "param" parameter (argument 1): message`.
std::unexpected<util::Error> ArgError(size_t index, std::string_view param, std::string_view message);

/// Argument `index` converted as cty converts to the parameter's type (a number or bool to
/// a string, a numeric string to a number, "true"/"false" to a bool); null is an error
/// ("argument must not be null").
util::Result<std::string> StringArg(const Args& args, size_t index, std::string_view param);
util::Result<double> NumberArg(const Args& args, size_t index, std::string_view param);
util::Result<bool> BoolArg(const Args& args, size_t index, std::string_view param);
/// A number argument that must be a whole number within ±2^53.
util::Result<int64_t> IntArg(const Args& args, size_t index, std::string_view param);
/// A list (tuple) argument; null is an error.
util::Result<Tuple> ListArg(const Args& args, size_t index, std::string_view param);
/// A map (object) argument; null is an error.
util::Result<Object> MapArg(const Args& args, size_t index, std::string_view param);

/// The characters of `s` as cty counts them (see functions.hpp): each a byte range of `s`.
/// Invalid UTF-8 bytes count one each.
std::vector<std::string_view> Characters(std::string_view s);

/// An error unless `size` elements / bytes are within the bounds above.
util::Status CheckElements(size_t count);
util::Status CheckBytes(size_t bytes);

/// `value` as JSON, as cty's json.Marshal writes it (and so Go's encoding/json): object keys
/// sorted, numbers in plain decimal, `<`, `>`, `&`, U+2028 and U+2029 escaped as \u sequences.
/// Errors: an infinite number; output beyond kMaxBytes.
util::Result<std::string> JsonEncode(const Value& value);

/// A string Value, or an error when it exceeds kMaxBytes.
util::Result<Value> StringResult(std::string s);

}  // namespace manifold::hcl::internal
