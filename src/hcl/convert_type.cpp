// TypeOf and ConvertToType: cty's convert package on hcl values (its parts: internal/type_converter.hpp).
#include "hcl/convert.hpp"

#include "hcl/internal/type_converter.hpp"

namespace manifold::hcl {

using internal::Converter;
using internal::TK;
using internal::WithoutOptional;
using util::ErrorKind;

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
