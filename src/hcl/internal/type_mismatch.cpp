// Converter: cty's mismatch messages (why one type does not convert to another).
#include "hcl/internal/type_converter.hpp"

#include <fmt/format.h>

namespace manifold::hcl::internal {

// cty's MismatchMessage: why `got` does not convert to `want`.
std::string Converter::Mismatch(const Type& got, const Type& want) {
  Step();
  if (got.kind == TK::kObject && want.kind == TK::kObject) return MismatchObjects(got, want);
  const bool want_any_elements = want.IsCollection() && want.elements[0].kind == TK::kAny;
  if (got.kind == TK::kTuple && want.kind == TK::kList && want_any_elements) {
    return "all list elements must have the same type";
  }
  if (got.kind == TK::kTuple && want.kind == TK::kSet && want_any_elements) {
    return "all set elements must have the same type";
  }
  if (got.kind == TK::kObject && want.kind == TK::kMap && want_any_elements) {
    return "all map elements must have the same type";
  }
  if ((got.kind == TK::kTuple || got.kind == TK::kObject) && want.IsCollection()) {
    return MismatchFromStructural(got, want);
  }
  if (got.IsCollection() && want.IsCollection()) return MismatchFromCollection(got, want);
  if (!LikelyConfusing(got, want)) {
    return fmt::format("{} required, but have {}", FriendlyName(want), FriendlyName(got));
  }
  return FriendlyNameForConstraint(want) + " required";
}

// Go iterates attribute maps in random order; names in order here make messages stable.
std::string Converter::MismatchObjects(const Type& got, const Type& want) {
  std::vector<std::string> missing;
  std::string mismatch;
  for (const Type::Attribute& w : want.attributes) {
    const Type::Attribute* g = got.FindAttribute(w.name);
    if (g == nullptr) {
      if (!w.optional) missing.push_back(Quote(w.name));
      continue;
    }
    if (g->type == w.type || !mismatch.empty()) continue;
    if (!Can(g->type, w.type)) {
      mismatch = fmt::format("attribute {}: {}", Quote(w.name), Mismatch(g->type, w.type));
    }
  }
  if (missing.size() == 1) return fmt::format("attribute {} is required", missing[0]);
  if (missing.size() == 2) {
    return fmt::format("attributes {} and {} are required", missing[0], missing[1]);
  }
  if (!missing.empty()) {
    std::string list;
    for (size_t i = 0; i + 1 < missing.size(); ++i) list += missing[i] + ", ";
    return fmt::format("attributes {}and {} are required", list, missing.back());
  }
  if (!mismatch.empty()) return mismatch;
  return "incorrect object attributes";
}

std::string Converter::MismatchFromStructural(const Type& got, const Type& want) {
  const TK needs = want.kind == TK::kMap ? TK::kObject : TK::kTuple;
  if (got.kind != needs) return FriendlyNameForConstraint(want) + " required";
  const Type& ety = want.elements[0];
  if (got.kind == TK::kTuple) {
    for (size_t i = 0; i < got.elements.size(); ++i) {
      if (got.elements[i] == ety || Can(got.elements[i], ety)) continue;
      return fmt::format("element {}: {}", i, Mismatch(got.elements[i], ety));
    }
  } else {
    for (const Type::Attribute& a : got.attributes) {
      if (a.type == ety || Can(a.type, ety)) continue;
      return fmt::format("element {}: {}", Quote(a.name), Mismatch(a.type, ety));
    }
  }
  return fmt::format("all elements must be {}", FriendlyNameForConstraint(ety));
}

std::string Converter::MismatchFromCollection(const Type& got, const Type& want) {
  const bool sequence = got.kind == TK::kList || got.kind == TK::kSet;
  if ((want.kind != TK::kMap && !sequence) || (want.kind == TK::kMap && got.kind != TK::kMap)) {
    return FriendlyNameForConstraint(want) + " required";
  }
  const char* noun = want.kind == TK::kList  ? "list element type"
                     : want.kind == TK::kSet ? "set element type"
                                             : "map element type";
  return fmt::format("incorrect {}: {}", noun, Mismatch(got.elements[0], want.elements[0]));
}

// cty's typesAreLikelyToCauseConfusion: whether naming both types would mislead.
bool Converter::LikelyConfusing(const Type& got, const Type& want) {
  if (got.IsPrimitive() != want.IsPrimitive()) return false;
  if (want.kind == TK::kString) return false;
  if ((want.kind == TK::kBool && got.kind == TK::kNumber) ||
      (got.kind == TK::kBool && want.kind == TK::kNumber)) {
    return false;
  }
  if (got.IsCollection() && want.IsCollection() && !HasDynamic(got.elements[0]) &&
      HasDynamic(want.elements[0])) {
    return false;
  }
  if (got.kind == TK::kTuple && want.kind == TK::kObject) return false;
  return true;
}

}  // namespace manifold::hcl::internal
