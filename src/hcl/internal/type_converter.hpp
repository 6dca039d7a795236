// hcl::internal::Converter: cty's convert package on hcl values — the conversion lookup by type,
// unification, mismatch messages and the value conversion (ConvertToType's parts).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hcl/convert.hpp"

namespace manifold::hcl::internal {

using TK = Type::Kind;

// Conversions walk types and values; a hostile one (unifying thousands of distinct object types)
// stops here instead of taking quadratic time.
constexpr long kMaxConvertSteps = 1'000'000;

/// Whether `t` has `any` anywhere in it.
bool HasDynamic(const Type& t);
/// `t` with its object attributes made required (optional() and defaults dropped).
Type WithoutOptional(const Type& t);
/// Go's %q for the attribute names of messages.
std::string Quote(std::string_view s);
/// Sets iterate in cty's order for primitives (numbers ascending, then strings lexically).
bool SetLess(const Value& a, const Value& b);

/// A value with the type it was converted to.
struct Typed {
  Value value;
  Type type;
};

/// One conversion's state: the step budget shared by its lookups, unifications and value
/// conversions. The members are defined by part: type_converter.cpp (lookup), type_unify.cpp,
/// type_mismatch.cpp, value_conversion.cpp.
class Converter {
 public:
  bool exhausted() const { return exhausted_; }
  // getConversion(in, out, unsafe=true) != nil.
  bool Can(const Type& in, const Type& out);
  // cty's unify (unsafe): the one type all `types` convert to, or std::nullopt.
  std::optional<Type> Unify(const std::vector<Type>& all);
  // cty's MismatchMessage: why `got` does not convert to `want`.
  std::string Mismatch(const Type& got, const Type& want);
  // The conversion itself, once Can(in, out) said it exists; `in` is the value's type.
  util::Result<Typed> Convert(const Value& v, const Type& in, const Type& out);
  static std::unexpected<util::Error> TooComplex();

 private:
  bool Step();
  bool ObjectToObject(const Type& in, const Type& out);
  bool MapToObject(const Type& in, const Type& out);
  // conversionTupleToList/Set's element type for a tuple `in`: `element`, or for `any` the tuple's
  // unified element type.
  std::optional<Type> SequenceElement(const Type& in, const Type& element);
  // conversionObjectToMap's element type for an object `in`.
  std::optional<Type> MapElement(const Type& in, const Type& element);
  std::optional<Type> UnifyCollections(TK kind, const std::vector<Type>& types, bool dynamic);
  // unifyTuplesAsList / unifyObjectsAsMaps: the structural types unified as one collection, then
  // everything unified with it.
  std::optional<Type> UnifyStructuralAs(TK kind, const std::vector<Type>& types);
  std::optional<Type> UnifyObjects(const std::vector<Type>& types);
  std::optional<Type> UnifyTuples(const std::vector<Type>& types);
  std::optional<Type> ObjectsToMap(const std::vector<Type>& types);
  std::optional<Type> TuplesToList(const std::vector<Type>& types);
  bool AllConvert(const std::vector<Type>& types, const Type& to);
  // cty's compareTypes: negative when `a` is preferred (the more general type).
  int Compare(const Type& a, const Type& b);
  // cty's sortTypes: a topological order of the preference edges, ties in index order.
  std::vector<size_t> SortTypes(const std::vector<Type>& types);
  // Go iterates attribute maps in random order; names in order here make messages stable.
  std::string MismatchObjects(const Type& got, const Type& want);
  std::string MismatchFromStructural(const Type& got, const Type& want);
  std::string MismatchFromCollection(const Type& got, const Type& want);
  // cty's typesAreLikelyToCauseConfusion: whether naming both types would mislead.
  static bool LikelyConfusing(const Type& got, const Type& want);
  util::Result<Typed> Element(const Value& v, const Type& in, const Type& out);
  util::Result<Typed> ConvertObject(const Value& v, const Type& in, const Type& out);
  // Tuples, lists and sets to a list or a set.
  util::Result<Typed> ConvertSequence(const Value& v, const Type& in, const Type& out);
  // Objects and maps to a map.
  util::Result<Typed> ConvertMap(const Value& v, const Type& in, const Type& out);
  // conversionUnify{List,Collection}Elements: converted elements brought to one type (list(any)
  // elements that became list(number) and list(string) end as list(string)).
  util::Status UnifyElements(std::vector<Typed>& elems);

  long steps_ = 0;
  bool exhausted_ = false;
};

}  // namespace manifold::hcl::internal
