// AddStandardFunctions: registers every family of functions/*.
#include "hcl/functions.hpp"

#include "hcl/internal/functions.hpp"

namespace manifold::hcl {

void AddStandardFunctions(EvalContext& ctx) {
  internal::AddStringFunctions(ctx);
  internal::AddFormatFunctions(ctx);
  internal::AddCollectionFunctions(ctx);
  internal::AddNumericFunctions(ctx);
  internal::AddEncodingFunctions(ctx);
  internal::AddCryptoFunctions(ctx);
  internal::AddDatetimeFunctions(ctx);
  internal::AddRegexFunctions(ctx);
  internal::AddSemverFunctions(ctx);
  internal::AddCidrFunctions(ctx);
  internal::AddBytesFunctions(ctx);
}

}  // namespace manifold::hcl
