// The Compose model as compose-go's loader builds it before binding: per-file interpolation,
// canonical shapes, and the merge of several files into one tree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bake/internal/compose_template.hpp"
#include "bake/internal/yaml_tree.hpp"
#include "util/error.hpp"

namespace manifold::bake::internal {

/// A dotted model path for messages: "services.web.build.args".
using ModelPath = std::vector<std::string>;
std::string JoinPath(const ModelPath& path);

/// Substitutes variables (SubstituteVariables) in every scalar value of `document`, keys
/// excepted, as compose-go interpolates a file before anything else reads it. Errors name the
/// model path and carry the scalar's file:line:column.
util::Status InterpolateDocument(YamlNode& document, const VariableLookup& lookup);

/// Rewrites the parts of a (interpolated) top-level Compose mapping that bake reads into one
/// shape each, as compose-go's transform package: `build: DIR` becomes `{context: DIR}`;
/// build.args, build.labels, build.additional_contexts and environment lists (`- K=V`, `- K`)
/// become mappings (a bare K maps to null; labels to ""); build.ssh lists become mappings
/// (`default` maps to null); build.extra_hosts mappings become `host=ip` lists; build.secrets
/// entries `NAME` become `{source: NAME}`; env_file `PATH` becomes `[PATH]`; a null service
/// becomes an empty mapping. Errors: a service name outside [a-zA-Z0-9._-], a service or build
/// of the wrong type, a build key Compose does not define (x-* excepted), a malformed list
/// entry. Values tagged `!reset` are left for MergeDocument.
util::Status CanonicalizeDocument(YamlNode& document);

/// Merges `document` (interpolated and canonical) into `model` as compose-go's override
/// package merges a later file: mappings merge by key (new keys appended, so `model` keeps
/// first-definition order); lists append, build.tags and build.extra_hosts dropping repeats;
/// scalars are replaced; a null keeps the earlier value, except in args, labels,
/// additional_contexts and environment where a later entry always replaces; `!reset` removes
/// a key and `!override` replaces a value whole. Errors: a mapping or list overridden by a
/// value of another shape ("cannot override services.web.build").
util::Status MergeDocument(YamlNode& model, YamlNode document);

/// Merges `over` into `base`, both (canonical) definitions of `section`.`name` ("services",
/// "web"), with the rules MergeDocument applies there: compose-go's override.ExtendService
/// and MergeYaml, which `extends` and the import of an included resource that is defined
/// again use. Errors: as MergeDocument.
util::Status MergeResource(YamlNode& base, YamlNode over, std::string_view section,
                           const std::string& name);

}  // namespace manifold::bake::internal
