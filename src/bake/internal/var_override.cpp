// Environment overrides of variables (plain, CSV, NAME_JSON) and values as JSON, as buildx's
// hclparser reads and lists them.
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "bake/internal/csv.hpp"
#include "bake/internal/var_type.hpp"
#include "hcl/convert.hpp"
#include "hcl/type_expr.hpp"

namespace manifold::bake::internal {
namespace {

using Kind = VarType::Kind;

util::Result<hcl::Value> FromJson(const nlohmann::json& j, const VarType& type, int depth) {
  if (depth > 64) return util::Fail(util::ErrorKind::kInvalidArgument, "value nested too deeply");
  if (j.is_null()) return hcl::Value::Null();
  auto mismatch = [&]() {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} required, but have JSON {}",
                      hcl::FriendlyName(type), j.type_name());
  };
  switch (type.kind) {
    case Kind::kString:
      if (j.is_string()) return hcl::Value::String(j.get<std::string>());
      if (j.is_number() || j.is_boolean()) return hcl::Value::String(j.dump());
      return mismatch();
    case Kind::kNumber:
      if (j.is_number()) return hcl::Value::Number(j.get<double>());
      if (j.is_string()) return hcl::ToNumberValue(hcl::Value::String(j.get<std::string>()));
      return mismatch();
    case Kind::kBool:
      if (j.is_boolean()) return hcl::Value::Bool(j.get<bool>());
      if (j.is_string()) return hcl::ToBoolValue(hcl::Value::String(j.get<std::string>()));
      return mismatch();
    case Kind::kList:
    case Kind::kSet:
    case Kind::kTuple: {
      if (!j.is_array()) return mismatch();
      hcl::Tuple items;
      for (size_t i = 0; i < j.size(); ++i) {
        const VarType& et = type.kind == Kind::kTuple && i < type.elements.size()
                                ? type.elements[i]
                                : type.elements.empty() ? VarType{} : type.elements[0];
        items.push_back(MANIFOLD_TRY(FromJson(j[i], et, depth + 1)));
      }
      return ConvertTo(hcl::Value::MakeTuple(std::move(items)), type);
    }
    case Kind::kMap:
    case Kind::kObject: {
      if (!j.is_object()) return mismatch();
      hcl::Object attrs;
      for (const auto& [k, v] : j.items()) {
        VarType et;
        if (type.kind == Kind::kMap) et = type.elements[0];
        if (const VarType::Attribute* a = type.FindAttribute(k)) et = a->type;
        attrs.emplace(k, MANIFOLD_TRY(FromJson(v, et, depth + 1)));
      }
      return ConvertTo(hcl::Value::MakeObject(std::move(attrs)), type);
    }
    case Kind::kAny:
      // cty needs type-annotated JSON for a dynamic type; buildx refuses plain JSON here.
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "JSON for type any must name its type, which is not supported");
  }
  return mismatch();
}

void Marshal(const hcl::Value& v, std::string& out) {
  switch (v.kind()) {
    case hcl::Kind::kNull: out += "null"; return;
    case hcl::Kind::kBool: out += v.AsBool() ? "true" : "false"; return;
    case hcl::Kind::kNumber: out += hcl::FormatNumber(v.AsNumber()); return;
    case hcl::Kind::kString: out += nlohmann::json(v.AsString()).dump(); return;
    case hcl::Kind::kTuple: {
      out += '[';
      bool first = true;
      for (const auto& item : v.Items()) {
        if (!first) out += ',';
        first = false;
        Marshal(item, out);
      }
      out += ']';
      return;
    }
    case hcl::Kind::kObject: {
      out += '{';
      bool first = true;
      for (const auto& [k, item] : v.Attributes()) {
        if (!first) out += ',';
        first = false;
        out += nlohmann::json(k).dump();
        out += ':';
        Marshal(item, out);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

util::Result<hcl::Value> ParsePrimitive(std::string_view name, std::string_view text,
                                        const VarType& type) {
  switch (type.kind) {
    case Kind::kString: return hcl::Value::String(std::string(text));
    case Kind::kBool:
      // Go's strconv.ParseBool.
      for (std::string_view t : {"1", "t", "T", "TRUE", "true", "True"}) {
        if (text == t) return hcl::Value::Bool(true);
      }
      for (std::string_view f : {"0", "f", "F", "FALSE", "false", "False"}) {
        if (text == f) return hcl::Value::Bool(false);
      }
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "failed to parse {} as bool: invalid syntax in \"{}\"", name, text);
    case Kind::kNumber: {
      std::string_view digits = text;
      if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
      double n = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
      if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() ||
          std::isnan(n) || std::isinf(n)) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "failed to parse {} as number: invalid number value \"{}\"", name, text);
      }
      return hcl::Value::Number(n);
    }
    default:
      return util::Fail(util::ErrorKind::kInvalidArgument, "{} of type {} is not a primitive",
                        name, hcl::FriendlyName(type));
  }
}

bool IsCsvType(const VarType& type) {
  return type.kind == Kind::kList || type.kind == Kind::kSet || type.kind == Kind::kTuple ||
         type.kind == Kind::kMap;
}

util::Result<hcl::Value> ParseCsvOverride(std::string_view name, std::string_view text,
                                          const VarType& type) {
  auto fields = SplitCsv(text);
  if (!fields) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "failed to parse {} as CSV: {}", text,
                      fields.error().message());
  }
  auto unsupported = [&]() {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "unsupported type {} for CSV specification", hcl::FriendlyName(type));
  };
  auto element = [&](std::string_view f, const VarType& et) -> util::Result<hcl::Value> {
    auto v = ParsePrimitive(name, f, et);
    if (!v) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "failed to parse element of type {}: {}",
                        hcl::FriendlyName(type), v.error().message());
    }
    return v;
  };
  if (type.kind == Kind::kTuple) {
    if (type.elements.size() != fields->size()) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "{} expects {} elements but only {} provided", hcl::FriendlyName(type),
                        type.elements.size(), fields->size());
    }
    hcl::Tuple items;
    for (size_t i = 0; i < fields->size(); ++i) {
      if (!type.elements[i].IsPrimitive()) return unsupported();
      items.push_back(MANIFOLD_TRY(element((*fields)[i], type.elements[i])));
    }
    return hcl::Value::MakeTuple(std::move(items));
  }
  if (!IsCsvType(type) || !type.elements[0].IsPrimitive()) return unsupported();
  if (type.kind == Kind::kMap) {
    hcl::Object attrs;
    for (const std::string& f : *fields) {
      auto kv = SplitCsv(f, ':');
      if (!kv) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "failed to parse {} as k/v for variable {}: {}", f, name,
                          kv.error().message());
      }
      if (kv->size() != 2) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "expected one k/v pair but got {} pieces from {}", kv->size(), f);
      }
      attrs.insert_or_assign((*kv)[0], MANIFOLD_TRY(element((*kv)[1], type.elements[0])));
    }
    return hcl::Value::MakeObject(std::move(attrs));
  }
  hcl::Tuple items;
  for (const std::string& f : *fields) items.push_back(MANIFOLD_TRY(element(f, type.elements[0])));
  return ConvertTo(hcl::Value::MakeTuple(std::move(items)), type);
}

util::Result<hcl::Value> ParseJsonOverride(std::string_view text, const VarType& type) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "invalid JSON");
  }
  return FromJson(j, type, 0);
}

std::string MarshalJson(const hcl::Value& value) {
  std::string out;
  Marshal(value, out);
  return out;
}

}  // namespace manifold::bake::internal
