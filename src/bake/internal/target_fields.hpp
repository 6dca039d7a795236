// The attributes a `target` block may set: their HCL names, their types, and how a value of
// the file becomes a bake::Target field (gohcl's decoding into buildx's Target struct).
#pragma once

#include <string_view>
#include <vector>

#include "bake/target.hpp"
#include "hcl/value.hpp"
#include "util/error.hpp"

namespace manifold::bake::internal {

/// How an attribute's value is typed. The k*Entries kinds are buildx's structured lists, whose
/// elements may be CSV strings or objects.
enum class FieldKind {
  kString,
  kBool,
  kStringList,
  kNullableMap,  ///< map of string whose values may be null (args, labels, extra-hosts)
  kStringMap,    ///< contexts
  kCacheEntries,
  kOutputEntries,
  kAttestEntries,
  kSecretEntries,
  kSshEntries,
};

struct FieldSpec {
  std::string_view name;  ///< as written in HCL: "cache-from", "dockerfile-inline", ...
  FieldKind kind;
};

/// Every attribute of a target, in buildx's Target struct order.
const std::vector<FieldSpec>& TargetFields();
/// The field named `name`, or nullptr.
const FieldSpec* FindTargetField(std::string_view name);

/// Converts an evaluated value to the field's normal form, as cty's conversion into the Go
/// field would: null stays null (unset); strings from strings, numbers and bools; lists as
/// tuples of strings; maps as objects of strings (nulls kept for kNullableMap); entries as
/// tuples of CSV strings, objects written as CSV (`type` first, then `id`, then the other keys
/// sorted; ssh as `id=path,path`) and empty or null elements dropped. Errors
/// (kInvalidArgument, not located) name what was required: "list of string required".
util::Result<hcl::Value> DecodeField(const hcl::Value& value, const FieldSpec& field);

/// Stores a normalized value (DecodeField's result) into the target's field.
void StoreField(Target& target, const FieldSpec& field, const hcl::Value& normalized);

/// The value `target.NAME.<field>` shows to other expressions: the normal form, except that
/// entries are objects again (`type=registry,ref=r` → {type = "registry", ref = "r"}), as
/// buildx exposes its parsed structures.
hcl::Value ReferenceValue(const FieldSpec& field, const hcl::Value& normalized);

}  // namespace manifold::bake::internal
