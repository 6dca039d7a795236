// --attest / --provenance / --sbom parsing, with buildx's shorthands and defaults.
#include "builder/attest_options.hpp"

#include <map>

#include "util/csv.hpp"

namespace manifold::builder {
namespace {

std::optional<bool> ParseBool(std::string_view value) {
  if (value == "true" || value == "1" || value.empty()) return true;
  if (value == "false" || value == "0") return false;
  return std::nullopt;
}

// One `--attest` value, already split; `flag` names what the user typed, for messages.
util::Status ApplyAttest(const std::vector<std::string>& fields, const std::string& flag, AttestOptions& out,
                         std::map<std::string, std::string>& seen) {
  std::map<std::string, std::string> keys;
  for (const auto& field : fields) {
    size_t eq = field.find('=');
    std::string key = field.substr(0, eq);
    std::string value = eq == std::string::npos ? "" : field.substr(eq + 1);
    if (key.empty()) continue;
    if (keys.contains(key)) return util::Fail(util::ErrorKind::kInvalidArgument, "{}: key {:?} given twice", flag, key);
    keys[key] = value;
  }
  auto type_it = keys.find("type");
  if (type_it == keys.end()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}: type= is required (type=provenance or type=sbom)", flag);
  }
  const std::string type = type_it->second;
  if (type != "provenance" && type != "sbom") {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}: unknown attestation type {:?} (use provenance or sbom)",
                      flag, type);
  }
  if (auto it = seen.find(type); it != seen.end()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}: type={} was already given by {}", flag, type, it->second);
  }
  seen[type] = flag;
  bool disabled = false;
  ProvenanceOptions provenance;
  for (const auto& [key, value] : keys) {
    auto bad_value = [&](std::string_view expected) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{}: {}={:?} is not valid (use {})", flag, key, value,
                        expected);
    };
    if (key == "type") continue;
    if (key == "disabled") {
      auto b = ParseBool(value);
      if (!b) return bad_value("true or false");
      disabled = *b;
    } else if (type == "provenance" && key == "mode") {
      if (value == "min") provenance.mode = ProvenanceMode::kMin;
      else if (value == "max") provenance.mode = ProvenanceMode::kMax;
      else return bad_value("min or max");
    } else if (type == "provenance" && key == "version") {
      if (value == "v0.2") provenance.version = SlsaVersion::kV02;
      else if (value == "v1") provenance.version = SlsaVersion::kV1;
      else return bad_value("v0.2 or v1");
    } else if (type == "provenance" && key == "builder-id") {
      provenance.builder_id = value;
    } else if (type == "provenance" && key == "inline-only") {
      auto b = ParseBool(value);
      if (!b) return bad_value("true or false");
      if (!*b) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "{}: inline-only=false is not supported: manifold attaches provenance only to image "
                          "outputs (pushes and type=oci), never as a file of a local or tar output",
                          flag);
      }
    } else if (type == "sbom" && key == "generator") {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "{}: generator={} cannot be honoured: manifold makes SBOMs with its own scanner and runs no "
                        "generator image; leave generator= out",
                        flag, value);
    } else {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{}: unknown key {:?} for type={}", flag, key, type);
    }
  }
  if (type == "provenance") {
    out.provenance_disabled = disabled;
    if (!disabled) out.provenance = provenance;
  } else {
    out.sbom_disabled = disabled;
    if (!disabled) out.sbom = SbomOptions{};
  }
  return {};
}

// --provenance=V / --sbom=V → the --attest fields they stand for.
util::Result<std::vector<std::string>> Shorthand(std::string_view type, const std::string& value,
                                                 const std::string& flag) {
  if (auto b = ParseBool(value)) return std::vector<std::string>{"type=" + std::string(type), *b ? "disabled=false" : "disabled=true"};
  if (value.find('=') == std::string::npos) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}: expected true, false or KEY=VALUE,… (e.g. mode=max)",
                      flag);
  }
  auto fields = util::SplitCsv(value);
  if (!fields) return std::unexpected(std::move(fields.error()).Context("{}", flag));
  for (const auto& f : *fields) {
    if (f.starts_with("type=")) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{}: type= belongs to --attest, not to this shorthand", flag);
    }
  }
  fields->insert(fields->begin(), "type=" + std::string(type));
  return *fields;
}

}  // namespace

util::Result<AttestOptions> ParseAttestFlags(const AttestFlags& flags) {
  AttestOptions out;
  out.no_default = !flags.no_default_env.empty();
  std::map<std::string, std::string> seen;  // type → the flag that gave it
  for (const auto& value : flags.attest) {
    std::string flag = "--attest " + value;
    auto fields = util::SplitCsv(value);
    if (!fields) return std::unexpected(std::move(fields.error()).Context("{}", flag));
    MANIFOLD_CHECK(ApplyAttest(*fields, flag, out, seen));
  }
  if (flags.provenance) {
    std::string flag = "--provenance=" + *flags.provenance;
    MANIFOLD_CHECK(ApplyAttest(MANIFOLD_TRY(Shorthand("provenance", *flags.provenance, flag)), flag, out, seen));
  }
  if (flags.sbom) {
    std::string flag = "--sbom=" + *flags.sbom;
    MANIFOLD_CHECK(ApplyAttest(MANIFOLD_TRY(Shorthand("sbom", *flags.sbom, flag)), flag, out, seen));
  }
  return out;
}

std::optional<ProvenanceOptions> EffectiveProvenance(const AttestOptions& options, bool image_output) {
  if (options.provenance) return options.provenance;
  if (options.provenance_disabled || options.no_default || !image_output) return std::nullopt;
  return ProvenanceOptions{};
}

std::string_view ProvenanceModeName(ProvenanceMode mode) { return mode == ProvenanceMode::kMax ? "max" : "min"; }
std::string_view SlsaVersionName(SlsaVersion version) { return version == SlsaVersion::kV1 ? "v1" : "v0.2"; }

}  // namespace manifold::builder
