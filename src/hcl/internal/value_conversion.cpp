// Converter: a value converted to a type once the conversion is known to exist.
#include "hcl/internal/type_converter.hpp"

#include <algorithm>

namespace manifold::hcl::internal {

using util::ErrorKind;

// The conversion itself, once Can(in, out) said it exists; `in` is the value's type.
util::Result<Typed> Converter::Convert(const Value& v, const Type& in, const Type& out) {
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

util::Result<Typed> Converter::Element(const Value& v, const Type& in, const Type& out) {
  if (in == out) return Typed{v, in};
  return Convert(v, in, out);
}

util::Result<Typed> Converter::ConvertObject(const Value& v, const Type& in, const Type& out) {
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
util::Result<Typed> Converter::ConvertSequence(const Value& v, const Type& in, const Type& out) {
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
util::Result<Typed> Converter::ConvertMap(const Value& v, const Type& in, const Type& out) {
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
util::Status Converter::UnifyElements(std::vector<Typed>& elems) {
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

}  // namespace manifold::hcl::internal
