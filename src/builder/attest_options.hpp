// builder::AttestOptions: what --attest, --provenance, --sbom and BUILDX_NO_DEFAULT_ATTESTATIONS ask for.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace manifold::builder {

/// How much a provenance attestation says (buildx's mode=min|max).
enum class ProvenanceMode { kMin, kMax };
/// The SLSA provenance predicate version (buildx's version=v0.2|v1).
enum class SlsaVersion { kV02, kV1 };

/// A provenance attestation asked for (or the default one).
struct ProvenanceOptions {
  ProvenanceMode mode = ProvenanceMode::kMin;
  SlsaVersion version = SlsaVersion::kV02;
  std::string builder_id;  ///< builder-id=URI: the predicate's builder.id ("" = none given)
};

/// An SBOM attestation asked for. manifold's own scanner makes it; no generator image is run.
struct SbomOptions {};

/// The attestation flags of one build, parsed. Each attestation type is in one of three
/// states: not mentioned (nullopt and !disabled: defaults apply), asked for (set), or turned
/// off (disabled, e.g. `--provenance=false`, `--attest type=provenance,disabled=true`).
struct AttestOptions {
  std::optional<ProvenanceOptions> provenance;
  bool provenance_disabled = false;
  std::optional<SbomOptions> sbom;
  bool sbom_disabled = false;
  /// BUILDX_NO_DEFAULT_ATTESTATIONS was set (non-empty): no default provenance.
  bool no_default = false;
};

/// The flags as given: every `--attest` value in order, and `--provenance` / `--sbom` when
/// present ("" for a bare flag, which means true).
struct AttestFlags {
  std::vector<std::string> attest;
  std::optional<std::string> provenance;
  std::optional<std::string> sbom;
  std::string no_default_env;  ///< $BUILDX_NO_DEFAULT_ATTESTATIONS ("" = unset or empty)
};

/// Parses the flags as buildx does: `--provenance=V` is `--attest type=provenance,…` where a
/// boolean V (true/false/1/0, bare = true) becomes `disabled=!V` and anything else is the
/// attest's other keys (`mode=max,version=v1`); `--sbom=V` likewise for type=sbom. `--attest`
/// values are CSV: `type=provenance|sbom` (required), `disabled=BOOL`; provenance takes
/// `mode=min|max`, `version=v0.2|v1`, `builder-id=URI`, `inline-only=true`; sbom takes nothing
/// else. Refused (kInvalidArgument, naming the flag and the key or value): an unknown type or
/// key, a bad value, the same type twice, `generator=IMAGE` (manifold scans with its own SBOM
/// scanner and runs no generator image), `inline-only=false` (attestations go only into image
/// outputs).
util::Result<AttestOptions> ParseAttestFlags(const AttestFlags& flags);

/// The provenance this build makes, if any: the one asked for; else, when `image_output` (a
/// push or a type=oci output takes attestations) and neither disabled nor `no_default`,
/// buildx's default (mode=min, v0.2); else none.
std::optional<ProvenanceOptions> EffectiveProvenance(const AttestOptions& options, bool image_output);

/// "min"/"max" and "v0.2"/"v1", as the flags spell them.
std::string_view ProvenanceModeName(ProvenanceMode mode);
std::string_view SlsaVersionName(SlsaVersion version);

}  // namespace manifold::builder
