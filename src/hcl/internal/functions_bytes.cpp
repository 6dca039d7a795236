// byteslen and bytesslice: go-cty's functions over its `bytes` capsule type. No HCL expression
// makes a bytes value, so every call fails, with the error cty gives for its arguments.
#include <fmt/format.h>

#include "hcl/convert.hpp"
#include "hcl/internal/functions.hpp"

namespace manifold::hcl::internal {
namespace {

// What cty's argument conversion says of `value` for a `bytes` parameter: nothing converts to a
// capsule type (MismatchMessage names a primitive's type, and only the capsule's for the rest); a
// null passes the conversion.
util::Status BytesParam(const Args& args, size_t index) {
  const Value& v = args[index];
  if (v.IsNull()) return {};
  if (v.kind() == Kind::kTuple || v.kind() == Kind::kObject) {
    return ArgError(index, "buf", "bytes required");
  }
  return ArgError(index, "buf", fmt::format("bytes required, but have {}", v.TypeName()));
}

util::Status NumberParam(const Args& args, size_t index, std::string_view param) {
  auto n = ConvertToType(args[index], Type::Of(Type::Kind::kNumber));
  if (!n) return ArgError(index, param, n.error().message());
  return {};
}

// hclsyntax converts every argument to its parameter's type first, then cty refuses nulls.
util::Status NotNull(const Args& args, const std::vector<std::string_view>& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    if (args[i].IsNull()) return ArgError(i, params[i], "argument must not be null");
  }
  return {};
}

util::Result<Value> BytesLen(Args args) {
  MANIFOLD_CHECK(BytesParam(args, 0));
  MANIFOLD_CHECK(NotNull(args, {"buf"}));
  return util::Fail(util::ErrorKind::kInternal, "byteslen: no value is of type bytes");
}

util::Result<Value> BytesSlice(Args args) {
  MANIFOLD_CHECK(BytesParam(args, 0));
  MANIFOLD_CHECK(NumberParam(args, 1, "offset"));
  MANIFOLD_CHECK(NumberParam(args, 2, "length"));
  MANIFOLD_CHECK(NotNull(args, {"buf", "offset", "length"}));
  return util::Fail(util::ErrorKind::kInternal, "bytesslice: no value is of type bytes");
}

}  // namespace

void AddBytesFunctions(EvalContext& ctx) {
  ctx.SetFunction("byteslen", Function{1, 1, BytesLen});
  ctx.SetFunction("bytesslice", Function{3, 3, BytesSlice});
}

}  // namespace manifold::hcl::internal
