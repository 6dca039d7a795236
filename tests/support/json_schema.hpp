// A test-only JSON Schema (draft-04 subset) validator, enough for the OCI image-spec schemas.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace manifold::testing {

/// Validates JSON documents against a directory of draft-04 schemas whose `$ref`s name sibling
/// files ("defs.json#/definitions/int64") or local pointers ("#/definitions/uint16"); `id` URLs
/// are resolved by their last path element, so nothing is fetched. Supported keywords: type,
/// properties, required, additionalProperties, patternProperties, items (schema or tuple),
/// minItems/maxItems, minLength/maxLength, pattern, enum, minimum/maximum, oneOf/anyOf/allOf/not,
/// $ref, and format "uri" / "date-time". Other keywords are ignored. Not thread-safe to load;
/// Validate is const.
class JsonSchemaSet {
 public:
  /// Loads every *.json file of `dir`. nullopt (with `error` set) when one does not parse.
  static std::optional<JsonSchemaSet> Load(const std::filesystem::path& dir, std::string* error);

  /// Validates `instance` against the schema file `schema_file`; returns the violations, each
  /// "<instance pointer>: <what>", empty when valid.
  std::vector<std::string> Validate(const nlohmann::json& instance, const std::string& schema_file) const;

  /// The schema file that validates `media_type` per image-spec (index, manifest, config,
  /// descriptor, layout); empty for others.
  static std::string SchemaFileFor(std::string_view media_type);

 private:
  void Check(const nlohmann::json& instance, const nlohmann::json& schema, const std::string& doc,
             const std::string& where, std::vector<std::string>& errors, int depth) const;
  const nlohmann::json* Resolve(const std::string& ref, const std::string& doc, std::string* new_doc) const;

  std::map<std::string, nlohmann::json> files_;  // by file name
};

}  // namespace manifold::testing
