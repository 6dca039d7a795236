// Converter: the conversion lookup between types (cty getConversion) and the helpers every part shares.
#include "hcl/internal/type_converter.hpp"

namespace manifold::hcl::internal {

using util::ErrorKind;

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

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

bool SetLess(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return a.kind() < b.kind();
  if (a.kind() == Kind::kNumber) return a.AsNumber() < b.AsNumber();
  if (a.kind() == Kind::kString) return a.AsString() < b.AsString();
  if (a.kind() == Kind::kBool) return !a.AsBool() && b.AsBool();
  return false;
}

// getConversion(in, out, unsafe=true) != nil.
bool Converter::Can(const Type& in, const Type& out) {
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

std::unexpected<util::Error> Converter::TooComplex() {
  return util::Fail(ErrorKind::kInvalidArgument,
                    "value too complex to convert (more than {} "
                    "steps)",
                    kMaxConvertSteps);
}

bool Converter::Step() {
  if (++steps_ > kMaxConvertSteps) exhausted_ = true;
  return !exhausted_;
}

bool Converter::ObjectToObject(const Type& in, const Type& out) {
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

bool Converter::MapToObject(const Type& in, const Type& out) {
  for (const Type::Attribute& o : out.attributes) {
    if (!(in.elements[0] == o.type) && !Can(in.elements[0], o.type) && !o.optional) return false;
  }
  return true;
}

// conversionTupleToList/Set's element type for a tuple `in`: `element`, or for `any` the tuple's
// unified element type.
std::optional<Type> Converter::SequenceElement(const Type& in, const Type& element) {
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
std::optional<Type> Converter::MapElement(const Type& in, const Type& element) {
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

}  // namespace manifold::hcl::internal
