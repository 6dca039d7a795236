// Converter: cty's type unification (the one type several types convert to) and its preference order.
#include "hcl/internal/type_converter.hpp"

#include <algorithm>
#include <deque>

namespace manifold::hcl::internal {

// cty's unify (unsafe): the one type all `types` convert to, or std::nullopt.
std::optional<Type> Converter::Unify(const std::vector<Type>& all) {
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

std::optional<Type> Converter::UnifyCollections(TK kind, const std::vector<Type>& types, bool dynamic) {
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
std::optional<Type> Converter::UnifyStructuralAs(TK kind, const std::vector<Type>& types) {
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

std::optional<Type> Converter::UnifyObjects(const std::vector<Type>& types) {
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

std::optional<Type> Converter::UnifyTuples(const std::vector<Type>& types) {
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

std::optional<Type> Converter::ObjectsToMap(const std::vector<Type>& types) {
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

std::optional<Type> Converter::TuplesToList(const std::vector<Type>& types) {
  std::vector<Type> etys;
  for (const Type& t : types) etys.insert(etys.end(), t.elements.begin(), t.elements.end());
  auto ety = Unify(etys);
  if (!ety) return std::nullopt;
  Type result = Type::Collection(TK::kList, std::move(*ety));
  if (!AllConvert(types, result)) return std::nullopt;
  return result;
}

bool Converter::AllConvert(const std::vector<Type>& types, const Type& to) {
  for (const Type& t : types) {
    if (!(t == to) && !Can(t, to)) return false;
  }
  return true;
}

// cty's compareTypes: negative when `a` is preferred (the more general type).
int Converter::Compare(const Type& a, const Type& b) {
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
std::vector<size_t> Converter::SortTypes(const std::vector<Type>& types) {
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

}  // namespace manifold::hcl::internal
