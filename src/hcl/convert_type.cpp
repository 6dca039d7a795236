// TypeOf and ConvertToType: cty's convert package (conversion lookup by type, unification, mismatch
// messages, then the value conversion) on hcl values.
#include <fmt/format.h>

#include <algorithm>
#include <deque>

#include "hcl/convert.hpp"

namespace manifold::hcl {
namespace {

using TK = Type::Kind;
using util::ErrorKind;

// Conversions walk types and values; a hostile one (unifying thousands of distinct object types)
// stops here instead of taking quadratic time.
constexpr long kMaxConvertSteps = 1'000'000;

bool HasDynamic(const Type& t) {
  if (t.kind == TK::kAny) return true;
  for (const Type& e : t.elements) {
    if (HasDynamic(e)) return true;
  }
  for (const Type::Attribute& a : t.attributes) {
    if (HasDynamic(a.type)) return true;
  }
  return false;
}

Type WithoutOptional(const Type& t) {
  Type out = Type::Of(t.kind);
  for (const Type& e : t.elements) out.elements.push_back(WithoutOptional(e));
  for (const Type::Attribute& a : t.attributes) {
    out.attributes.push_back(Type::Attribute{a.name, WithoutOptional(a.type), false, std::nullopt});
  }
  return out;
}

// Go's %q for the attribute names of messages.
std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

struct Typed {
  Value value;
  Type type;
};

// Sets iterate in cty's order for primitives (numbers ascending, then strings lexically).
bool SetLess(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return a.kind() < b.kind();
  if (a.kind() == Kind::kNumber) return a.AsNumber() < b.AsNumber();
  if (a.kind() == Kind::kString) return a.AsString() < b.AsString();
  if (a.kind() == Kind::kBool) return !a.AsBool() && b.AsBool();
  return false;
}

class Converter {
 public:
  bool exhausted() const { return exhausted_; }

  // getConversion(in, out, unsafe=true) != nil.
  bool Can(const Type& in, const Type& out) {
    if (!Step()) return false;
    if (out.kind == TK::kAny || in.kind == TK::kAny) return true;
    if (in.IsPrimitive() && out.IsPrimitive()) {
      // number and bool do not convert to each other; everything else does (string to number or
      // bool only for the right strings, which the value conversion checks).
      return in.kind == out.kind || out.kind == TK::kString || in.kind == TK::kString;
    }
    switch (out.kind) {
      case TK::kObject:
        if (in.kind == TK::kObject) return ObjectToObject(in, out);
        if (in.kind == TK::kMap) return MapToObject(in, out);
        return false;
      case TK::kTuple:
        if (in.kind != TK::kTuple || in.elements.size() != out.elements.size()) return false;
        for (size_t i = 0; i < in.elements.size(); ++i) {
          if (!(in.elements[i] == out.elements[i]) && !Can(in.elements[i], out.elements[i])) {
            return false;
          }
        }
        return true;
      case TK::kList:
      case TK::kSet:
        if (in.kind == TK::kList || in.kind == TK::kSet) {
          return in.elements[0] == out.elements[0] || Can(in.elements[0], out.elements[0]);
        }
        if (in.kind == TK::kTuple) return SequenceElement(in, out.elements[0]).has_value();
        return false;
      case TK::kMap:
        if (in.kind == TK::kMap) return Can(in.elements[0], out.elements[0]);
        if (in.kind == TK::kObject) return MapElement(in, out.elements[0]).has_value();
        return false;
      default: return false;
    }
  }

  // cty's unify (unsafe): the one type all `types` convert to, or std::nullopt.
  std::optional<Type> Unify(const std::vector<Type>& all) {
    if (all.empty() || !Step()) return std::nullopt;
    // Equal types unify alike, so only the first of each counts (unifying the element types of a
    // long list stays linear).
    std::vector<Type> types;
    for (const Type& t : all) {
      if (std::find(types.begin(), types.end(), t) == types.end()) {
        if (!Step()) return std::nullopt;
        types.push_back(t);
      }
    }
    size_t maps = 0, lists = 0, sets = 0, objects = 0, tuples = 0, dynamic = 0;
    for (const Type& t : types) {
      maps += t.kind == TK::kMap;
      lists += t.kind == TK::kList;
      sets += t.kind == TK::kSet;
      objects += t.kind == TK::kObject;
      tuples += t.kind == TK::kTuple;
      dynamic += t.kind == TK::kAny;
    }
    const size_t n = types.size();
    if (maps > 0 && maps + dynamic == n) return UnifyCollections(TK::kMap, types, dynamic > 0);
    if (maps > 0 && maps + objects + dynamic == n) {
      auto t = UnifyStructuralAs(TK::kMap, types);
      if (t) return t;
    } else if (lists > 0 && lists + dynamic == n) {
      return UnifyCollections(TK::kList, types, dynamic > 0);
    } else if (lists > 0 && lists + tuples + dynamic == n) {
      auto t = UnifyStructuralAs(TK::kList, types);
      if (t) return t;
    } else if (sets > 0 && sets + dynamic == n) {
      return UnifyCollections(TK::kSet, types, dynamic > 0);
    } else if (objects > 0 && objects + dynamic == n) {
      return dynamic > 0 ? Type::Of(TK::kAny) : UnifyObjects(types);
    } else if (tuples > 0 && tuples + dynamic == n) {
      return dynamic > 0 ? Type::Of(TK::kAny) : UnifyTuples(types);
    } else if (objects > 0 && tuples > 0) {
      return std::nullopt;
    }
    for (size_t want : SortTypes(types)) {
      bool all = true;
      for (size_t i = 0; i < n && all; ++i) {
        all = i == want || types[i] == types[want] || Can(types[i], types[want]);
      }
      if (all) return types[want];
      if (exhausted_) return std::nullopt;
    }
    return std::nullopt;
  }

  // cty's MismatchMessage: why `got` does not convert to `want`.
  std::string Mismatch(const Type& got, const Type& want) {
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

  // The conversion itself, once Can(in, out) said it exists; `in` is the value's type.
  util::Result<Typed> Convert(const Value& v, const Type& in, const Type& out) {
    if (!Step()) return TooComplex();
    if (out.kind == TK::kAny) return Typed{v, in};
    // A null converts to a null of the wanted type (cty's typed nulls; here just null).
    if (v.IsNull()) return Typed{v, WithoutOptional(out)};
    if (in.kind == TK::kAny) {
      // cty's dynamicFixup: a value whose type was not known converts as itself.
      Type actual = TypeOf(v);
      if (!Can(actual, out)) {
        return util::Fail(ErrorKind::kInvalidArgument, "{}", Mismatch(actual, out));
      }
      return Convert(v, actual, out);
    }
    switch (out.kind) {
      case TK::kString: return Typed{MANIFOLD_TRY(ToStringValue(v)), out};
      case TK::kNumber: return Typed{MANIFOLD_TRY(ToNumberValue(v)), out};
      case TK::kBool: return Typed{MANIFOLD_TRY(ToBoolValue(v)), out};
      case TK::kObject: return ConvertObject(v, in, out);
      case TK::kTuple: {
        Tuple items;
        Type type = Type::Of(TK::kTuple);
        for (size_t i = 0; i < v.Items().size(); ++i) {
          Typed t = MANIFOLD_TRY(Element(v.Items()[i], in.elements[i], out.elements[i]));
          items.push_back(std::move(t.value));
          type.elements.push_back(std::move(t.type));
        }
        return Typed{Value::MakeTuple(std::move(items)), std::move(type)};
      }
      case TK::kList:
      case TK::kSet: return ConvertSequence(v, in, out);
      case TK::kMap: return ConvertMap(v, in, out);
      default: break;
    }
    return util::Fail(ErrorKind::kInternal, "no conversion to {}", FriendlyName(out));
  }

  static std::unexpected<util::Error> TooComplex() {
    return util::Fail(ErrorKind::kInvalidArgument,
                      "value too complex to convert (more than {} "
                      "steps)",
                      kMaxConvertSteps);
  }

 private:
  bool Step() {
    if (++steps_ > kMaxConvertSteps) exhausted_ = true;
    return !exhausted_;
  }

  bool ObjectToObject(const Type& in, const Type& out) {
    for (const Type::Attribute& o : out.attributes) {
      const Type::Attribute* i = in.FindAttribute(o.name);
      if (i == nullptr) {
        if (o.optional) continue;
        return false;
      }
      if (!(i->type == o.type) && !Can(i->type, o.type)) return false;
    }
    return true;
  }

  bool MapToObject(const Type& in, const Type& out) {
    for (const Type::Attribute& o : out.attributes) {
      if (!(in.elements[0] == o.type) && !Can(in.elements[0], o.type) && !o.optional) return false;
    }
    return true;
  }

  // conversionTupleToList/Set's element type for a tuple `in`: `element`, or for `any` the tuple's
  // unified element type.
  std::optional<Type> SequenceElement(const Type& in, const Type& element) {
    if (in.elements.empty()) return element;
    Type ety = element;
    if (ety.kind == TK::kAny) {
      auto u = Unify(in.elements);
      if (!u) return std::nullopt;
      if (u->kind == TK::kAny) {
        for (const Type& e : in.elements) {
          if (e.kind != TK::kAny) return std::nullopt;
        }
      }
      ety = std::move(*u);
    }
    for (const Type& e : in.elements) {
      if (!(e == ety) && !Can(e, ety)) return std::nullopt;
    }
    return ety;
  }

  // conversionObjectToMap's element type for an object `in`.
  std::optional<Type> MapElement(const Type& in, const Type& element) {
    if (in.attributes.empty()) return element;
    Type ety = element;
    if (ety.kind == TK::kAny) {
      std::vector<Type> atys;
      for (const Type::Attribute& a : in.attributes) atys.push_back(a.type);
      auto u = Unify(atys);
      if (!u) return std::nullopt;
      ety = std::move(*u);
    }
    for (const Type::Attribute& a : in.attributes) {
      if (!(a.type == ety) && !Can(a.type, ety)) return std::nullopt;
    }
    return ety;
  }

  std::optional<Type> UnifyCollections(TK kind, const std::vector<Type>& types, bool dynamic) {
    if (dynamic) return Type::Of(TK::kAny);
    std::vector<Type> etys;
    for (const Type& t : types) etys.push_back(t.elements[0]);
    auto ety = Unify(etys);
    if (!ety) return std::nullopt;
    Type result = Type::Collection(kind, std::move(*ety));
    if (!AllConvert(types, result)) return std::nullopt;
    return result;
  }

  // unifyTuplesAsList / unifyObjectsAsMaps: the structural types unified as one collection, then
  // everything unified with it.
  std::optional<Type> UnifyStructuralAs(TK kind, const std::vector<Type>& types) {
    const TK structural = kind == TK::kList ? TK::kTuple : TK::kObject;
    std::vector<Type> parts;
    for (const Type& t : types) {
      if (t.kind == structural) parts.push_back(t);
    }
    auto collection = kind == TK::kList ? TuplesToList(parts) : ObjectsToMap(parts);
    if (!collection || collection->kind != kind) return std::nullopt;
    std::vector<Type> replaced = types;
    for (Type& t : replaced) {
      if (t.kind == structural) t = *collection;
    }
    auto result = Unify(replaced);
    if (!result || result->kind != kind) return std::nullopt;
    return result;
  }

  std::optional<Type> UnifyObjects(const std::vector<Type>& types) {
    const Type& first = types[0];
    for (const Type& t : types) {
      if (t.attributes.size() != first.attributes.size()) return ObjectsToMap(types);
      for (const Type::Attribute& a : t.attributes) {
        if (first.FindAttribute(a.name) == nullptr) return ObjectsToMap(types);
      }
    }
    Type result = Type::Of(TK::kObject);
    for (const Type::Attribute& a : first.attributes) {
      std::vector<Type> across;
      for (const Type& t : types) across.push_back(t.FindAttribute(a.name)->type);
      auto u = Unify(across);
      if (!u) return std::nullopt;
      result.attributes.push_back(Type::Attribute{a.name, std::move(*u), false, std::nullopt});
    }
    if (!AllConvert(types, result)) return ObjectsToMap(types);
    return result;
  }

  std::optional<Type> UnifyTuples(const std::vector<Type>& types) {
    const size_t size = types[0].elements.size();
    for (const Type& t : types) {
      if (t.elements.size() != size) return TuplesToList(types);
    }
    Type result = Type::Of(TK::kTuple);
    for (size_t i = 0; i < size; ++i) {
      std::vector<Type> across;
      for (const Type& t : types) across.push_back(t.elements[i]);
      auto u = Unify(across);
      if (!u) return std::nullopt;
      result.elements.push_back(std::move(*u));
    }
    if (!AllConvert(types, result)) return TuplesToList(types);
    return result;
  }

  std::optional<Type> ObjectsToMap(const std::vector<Type>& types) {
    std::vector<Type> atys;
    for (const Type& t : types) {
      for (const Type::Attribute& a : t.attributes) atys.push_back(a.type);
    }
    auto ety = Unify(atys);
    if (!ety) return std::nullopt;
    Type result = Type::Collection(TK::kMap, std::move(*ety));
    if (!AllConvert(types, result)) return std::nullopt;
    return result;
  }

  std::optional<Type> TuplesToList(const std::vector<Type>& types) {
    std::vector<Type> etys;
    for (const Type& t : types) etys.insert(etys.end(), t.elements.begin(), t.elements.end());
    auto ety = Unify(etys);
    if (!ety) return std::nullopt;
    Type result = Type::Collection(TK::kList, std::move(*ety));
    if (!AllConvert(types, result)) return std::nullopt;
    return result;
  }

  bool AllConvert(const std::vector<Type>& types, const Type& to) {
    for (const Type& t : types) {
      if (!(t == to) && !Can(t, to)) return false;
    }
    return true;
  }

  // cty's compareTypes: negative when `a` is preferred (the more general type).
  int Compare(const Type& a, const Type& b) {
    Step();
    if (a.kind == TK::kAny || b.kind == TK::kAny) {
      if (a.kind != TK::kAny) return -1;
      if (b.kind != TK::kAny) return 1;
      return 0;
    }
    if (a.IsPrimitive() && b.IsPrimitive() && (a.kind == TK::kString || b.kind == TK::kString)) {
      if (a.kind != TK::kString) return 1;
      if (b.kind != TK::kString) return -1;
      return 0;
    }
    if (a.IsCollection() && a.kind == b.kind) return Compare(a.elements[0], b.elements[0]);
    const Type* x = &a;
    const Type* y = &b;
    int swap = 1;
    if ((a.kind == TK::kTuple && b.kind == TK::kList) ||
        (a.kind == TK::kObject && b.kind == TK::kMap) ||
        (a.kind == TK::kSet && (b.kind == TK::kTuple || b.kind == TK::kList))) {
      std::swap(x, y);
      swap = -1;
    }
    if (y->kind == TK::kSet && (x->kind == TK::kTuple || x->kind == TK::kList)) return -swap;
    if (x->kind == TK::kList && y->kind == TK::kTuple) return -swap;
    if (x->kind == TK::kMap && y->kind == TK::kObject) return -swap;
    bool x_super = false, y_super = false;
    if (x->kind == TK::kObject && y->kind == TK::kObject) {
      if (x->attributes.size() != y->attributes.size()) return 0;
      for (const Type::Attribute& xa : x->attributes) {
        const Type::Attribute* ya = y->FindAttribute(xa.name);
        if (ya == nullptr) return 0;
        int c = Compare(xa.type, ya->type);
        x_super |= c < 0;
        y_super |= c > 0;
      }
    } else if (x->kind == TK::kTuple && y->kind == TK::kTuple) {
      if (x->elements.size() != y->elements.size()) return 0;
      for (size_t i = 0; i < x->elements.size(); ++i) {
        int c = Compare(x->elements[i], y->elements[i]);
        x_super |= c < 0;
        y_super |= c > 0;
      }
    } else {
      return 0;
    }
    if (x_super && y_super) return 0;
    if (x_super) return -swap;
    if (y_super) return swap;
    return 0;
  }

  // cty's sortTypes: a topological order of the preference edges, ties in index order.
  std::vector<size_t> SortTypes(const std::vector<Type>& types) {
    const size_t n = types.size();
    std::vector<std::vector<size_t>> edges(n);
    for (size_t i = 0; i + 1 < n; ++i) {
      for (size_t j = i + 1; j < n; ++j) {
        int c = Compare(types[i], types[j]);
        if (c < 0) edges[i].push_back(j);
        if (c > 0) edges[j].push_back(i);
      }
    }
    std::vector<size_t> in_degree(n, 0);
    for (const auto& out : edges) {
      for (size_t j : out) ++in_degree[j];
    }
    std::vector<size_t> order;
    std::deque<size_t> queue;
    for (size_t i = 0; i < n; ++i) {
      if (in_degree[i] == 0) queue.push_back(i);
    }
    while (!queue.empty()) {
      size_t i = queue.front();
      queue.pop_front();
      order.push_back(i);
      for (size_t j : edges[i]) {
        if (--in_degree[j] == 0) queue.push_back(j);
      }
    }
    return order;
  }

  // Go iterates attribute maps in random order; names in order here make messages stable.
  std::string MismatchObjects(const Type& got, const Type& want) {
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

  std::string MismatchFromStructural(const Type& got, const Type& want) {
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

  std::string MismatchFromCollection(const Type& got, const Type& want) {
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
  static bool LikelyConfusing(const Type& got, const Type& want) {
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

  util::Result<Typed> Element(const Value& v, const Type& in, const Type& out) {
    if (in == out) return Typed{v, in};
    return Convert(v, in, out);
  }

  util::Result<Typed> ConvertObject(const Value& v, const Type& in, const Type& out) {
    Object attrs;
    Type type = Type::Of(TK::kObject);
    for (const Type::Attribute& o : out.attributes) {
      auto it = v.Attributes().find(o.name);
      if (it == v.Attributes().end()) {
        if (in.kind == TK::kMap && !o.optional) {
          return util::Fail(ErrorKind::kInvalidArgument,
                            "map has no element for required attribute {}", Quote(o.name));
        }
        // Only optional attributes can be absent: Can() checked the others.
        attrs.emplace(o.name, Value::Null());
        type.attributes.push_back(Type::Attribute{o.name, WithoutOptional(o.type), false, {}});
        continue;
      }
      const Type& from = in.kind == TK::kMap ? in.elements[0] : in.FindAttribute(o.name)->type;
      if (!(from == o.type) && !Can(from, o.type)) {
        return util::Fail(ErrorKind::kInvalidArgument,
                          "map element type is incompatible with attribute {}: {}", Quote(o.name),
                          Mismatch(from, o.type));
      }
      Typed t = MANIFOLD_TRY(Element(it->second, from, o.type));
      attrs.emplace(o.name, std::move(t.value));
      type.attributes.push_back(Type::Attribute{o.name, std::move(t.type), false, {}});
    }
    return Typed{Value::MakeObject(std::move(attrs)), std::move(type)};
  }

  // Tuples, lists and sets to a list or a set.
  util::Result<Typed> ConvertSequence(const Value& v, const Type& in, const Type& out) {
    const bool to_list = out.kind == TK::kList;
    const Tuple& items = v.Items();
    Type ety = out.elements[0];
    if (in.kind == TK::kTuple) {
      if (items.empty()) return Typed{v, Type::Collection(out.kind, WithoutOptional(ety))};
      ety = *SequenceElement(in, ety);
    } else if (items.empty()) {
      return Typed{v, Type::Collection(
                          out.kind, ety.kind == TK::kAny ? in.elements[0] : WithoutOptional(ety))};
    }
    std::vector<Typed> elems;
    for (size_t i = 0; i < items.size(); ++i) {
      const Type& from = in.kind == TK::kTuple ? in.elements[i] : in.elements[0];
      elems.push_back(MANIFOLD_TRY(Element(items[i], from, ety)));
    }
    if (to_list && in.kind == TK::kTuple) MANIFOLD_CHECK(UnifyElements(elems));
    for (const Typed& e : elems) {
      if (!(e.type == elems[0].type)) {
        return util::Fail(ErrorKind::kInvalidArgument,
                          "element types must all match for conversion to {}",
                          to_list ? "list" : "set");
      }
    }
    Tuple out_items;
    for (Typed& e : elems) out_items.push_back(std::move(e.value));
    if (!to_list) {
      if (elems[0].type.IsPrimitive())
        std::stable_sort(out_items.begin(), out_items.end(), SetLess);
      Tuple unique;
      for (Value& item : out_items) {
        if (std::find(unique.begin(), unique.end(), item) == unique.end()) unique.push_back(item);
      }
      out_items = std::move(unique);
    }
    return Typed{Value::MakeTuple(std::move(out_items)), Type::Collection(out.kind, elems[0].type)};
  }

  // Objects and maps to a map.
  util::Result<Typed> ConvertMap(const Value& v, const Type& in, const Type& out) {
    const Object& attrs = v.Attributes();
    Type ety = out.elements[0];
    if (attrs.empty()) {
      return Typed{v, Type::Collection(TK::kMap, ety.kind == TK::kAny && in.kind == TK::kMap
                                                     ? in.elements[0]
                                                     : WithoutOptional(ety))};
    }
    if (in.kind == TK::kObject) ety = *MapElement(in, ety);
    std::vector<Typed> elems;
    for (const auto& [name, item] : attrs) {
      const Type& from = in.kind == TK::kObject ? in.FindAttribute(name)->type : in.elements[0];
      elems.push_back(MANIFOLD_TRY(Element(item, from, ety)));
    }
    if (ety.IsCollection() || ety.kind == TK::kObject) MANIFOLD_CHECK(UnifyElements(elems));
    Object out_attrs;
    size_t i = 0;
    for (const auto& [name, item] : attrs) {
      if (!(elems[i].type == elems[0].type)) {
        return util::Fail(ErrorKind::kInvalidArgument,
                          "{} types must all match for conversion "
                          "to map",
                          in.kind == TK::kObject ? "attribute" : "element");
      }
      out_attrs.emplace(name, std::move(elems[i++].value));
    }
    return Typed{Value::MakeObject(std::move(out_attrs)),
                 Type::Collection(TK::kMap, elems[0].type)};
  }

  // conversionUnify{List,Collection}Elements: converted elements brought to one type (list(any)
  // elements that became list(number) and list(string) end as list(string)).
  util::Status UnifyElements(std::vector<Typed>& elems) {
    std::vector<Type> types;
    for (const Typed& e : elems) types.push_back(e.type);
    auto unified = Unify(types);
    if (exhausted_) return TooComplex();
    if (!unified) {
      return util::Fail(ErrorKind::kInvalidArgument,
                        "cannot find a common base type for all "
                        "elements");
    }
    for (Typed& e : elems) {
      if (e.type == *unified) continue;
      e = MANIFOLD_TRY(Convert(e.value, e.type, *unified));
    }
    return {};
  }

  long steps_ = 0;
  bool exhausted_ = false;
};

}  // namespace

Type TypeOf(const Value& value) {
  switch (value.kind()) {
    case Kind::kNull: return Type::Of(TK::kAny);
    case Kind::kBool: return Type::Of(TK::kBool);
    case Kind::kNumber: return Type::Of(TK::kNumber);
    case Kind::kString: return Type::Of(TK::kString);
    case Kind::kTuple: {
      Type t = Type::Of(TK::kTuple);
      t.elements.reserve(value.Items().size());
      for (const Value& item : value.Items()) t.elements.push_back(TypeOf(item));
      return t;
    }
    case Kind::kObject: {
      Type t = Type::Of(TK::kObject);
      for (const auto& [name, item] : value.Attributes()) {
        t.attributes.push_back(Type::Attribute{name, TypeOf(item), false, std::nullopt});
      }
      return t;
    }
  }
  return Type::Of(TK::kAny);
}

util::Result<Value> ConvertToType(const Value& value, const Type& type) {
  Type in = TypeOf(value);
  if (in == WithoutOptional(type)) return value;
  Converter converter;
  if (!converter.Can(in, type)) {
    if (converter.exhausted()) return Converter::TooComplex();
    std::string message = converter.Mismatch(in, type);
    if (converter.exhausted()) return Converter::TooComplex();
    return util::Fail(ErrorKind::kInvalidArgument, "{}", message);
  }
  auto converted = converter.Convert(value, in, type);
  if (!converted) return std::unexpected(std::move(converted.error()));
  return std::move(converted->value);
}

}  // namespace manifold::hcl
