// How `imagetools inspect` prints: buildx's text layout and its --format templates.
#pragma once

#include <string>

#include "registry/inspect.hpp"
#include "util/error.hpp"

namespace manifold::cli {

/// buildx's default text: Name, MediaType, Digest, then each manifest's Name, MediaType, Platform.
std::string InspectText(const std::string& name, const registry::Inspected& inspected);

/// Expands a Go-template-like `--format`: literal text plus the actions `{{json X}}` and
/// `{{X}}` where X is `.`, `.Name`, `.Manifest`, `.Image`, `.Provenance`, `.SBOM`,
/// `.Manifest.Digest`, `.Manifest.MediaType` or `.Manifest.Size`, as buildx defines them
/// (`.Image`: the config of a single-platform image, or a map platform → config; `.Provenance`:
/// {"SLSA": predicate}, `.SBOM`: {"SPDX": document}, likewise one or a map by platform; images
/// without one are left out). Other actions are kInvalidArgument.
util::Result<std::string> InspectTemplate(std::string_view format, const std::string& name,
                                          const registry::Inspected& inspected);

/// True if the template needs the images' configs (it mentions .Image or is `{{json .}}`).
bool TemplateNeedsConfigs(std::string_view format);

/// True if the template needs the attestations (it mentions .Provenance or .SBOM, or is `{{json .}}`).
bool TemplateNeedsAttestations(std::string_view format);

}  // namespace manifold::cli
