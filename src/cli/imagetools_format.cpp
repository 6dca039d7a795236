// InspectText / InspectTemplate.
#include "cli/imagetools_format.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "image/platform_parse.hpp"
#include "util/terminal_text.hpp"

namespace manifold::cli {
namespace {

using Json = nlohmann::ordered_json;

// Everything below comes from a registry: nothing it prints may drive the terminal.
std::string Safe(std::string_view text) { return util::SanitizeForTerminal(text); }

// JSON for a terminal: control characters escaped as JSON does (<0x20 by dump(); DEL and C1
// here, as \u00XX, so the output stays valid JSON); malformed UTF-8 replaced, not thrown on.
std::string SafeJson(const nlohmann::ordered_json& value, int indent) {
  std::string text = value.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::string out;
  for (char c : text) {
    if (c == '\x7f') {
      out += "\\u007f";
    } else {
      out += c;
    }
  }
  return util::SanitizeForTerminal(out, /*keep_newlines=*/true);  // the indentation's own
}

std::string Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

// The root document as buildx's .Manifest: its fields with digest and size after mediaType.
Json ManifestJson(const registry::Inspected& inspected) {
  Json raw = Json::parse(inspected.root.bytes, nullptr, false);
  Json out = Json::object();
  if (raw.contains("schemaVersion")) out["schemaVersion"] = raw["schemaVersion"];
  out["mediaType"] = inspected.root.descriptor.media_type;
  out["digest"] = inspected.root.descriptor.digest.str();
  out["size"] = inspected.root.descriptor.size;
  if (raw.is_object()) {
    for (auto it = raw.begin(); it != raw.end(); ++it) {
      if (!out.contains(it.key())) out[it.key()] = it.value();
    }
  }
  return out;
}

Json ImageJson(const registry::Inspected& inspected) {
  std::vector<const registry::InspectedImage*> images;
  for (const auto& image : inspected.images) {
    if (image.config_bytes.empty() || !image.descriptor.platform) continue;
    if (image.descriptor.platform->os == "unknown") continue;  // attestations
    images.push_back(&image);
  }
  // Attestation manifests do not count: a one-platform push with provenance is still one image.
  size_t entries = 0;
  for (const auto& image : inspected.images) {
    if (!image.descriptor.platform || image.descriptor.platform->os != "unknown") ++entries;
  }
  if (images.size() == 1 && entries == 1) return Json::parse(images[0]->config_bytes, nullptr, false);
  Json out = Json::object();
  for (const auto* image : images) {
    out[image::Format(*image->descriptor.platform)] = Json::parse(image->config_bytes, nullptr, false);
  }
  return out;
}

// buildx's .Provenance / .SBOM: per image, the predicate of the statements of `prefix`'s type
// under `key`; the object itself for a single-platform image, else a map by platform.
Json AttestationJson(const registry::Inspected& inspected, std::string_view prefix, const char* key) {
  std::vector<const registry::InspectedImage*> images;
  for (const auto& image : inspected.images) {
    if (image.descriptor.platform && image.descriptor.platform->os == "unknown") continue;  // attestations
    images.push_back(&image);
  }
  Json out = Json::object();
  for (const auto* image : images) {
    for (const auto& s : inspected.statements) {
      if (s.subject != image->descriptor.digest || !s.predicate_type.starts_with(prefix)) continue;
      Json statement = Json::parse(s.bytes, nullptr, false);
      if (!statement.is_object() || !statement.contains("predicate")) continue;
      Json entry = {{key, statement["predicate"]}};
      if (images.size() == 1) return entry;
      std::string platform = image->descriptor.platform ? image::Format(*image->descriptor.platform) : "unknown";
      out[platform] = std::move(entry);
    }
  }
  return out;
}

util::Result<Json> Value(std::string_view path, const std::string& name, const registry::Inspected& inspected) {
  if (path == ".") {
    Json all = Json::object();
    all["name"] = name;
    all["manifest"] = ManifestJson(inspected);
    all["image"] = ImageJson(inspected);
    if (Json p = AttestationJson(inspected, "https://slsa.dev/provenance/", "SLSA"); !p.empty()) all["Provenance"] = p;
    if (Json b = AttestationJson(inspected, "https://spdx.dev/Document", "SPDX"); !b.empty()) all["SBOM"] = b;
    return all;
  }
  if (path == ".Name") return Json(name);
  if (path == ".Manifest") return ManifestJson(inspected);
  if (path == ".Image") return ImageJson(inspected);
  if (path == ".Provenance") return AttestationJson(inspected, "https://slsa.dev/provenance/", "SLSA");
  if (path == ".SBOM") return AttestationJson(inspected, "https://spdx.dev/Document", "SPDX");
  if (path == ".Manifest.Digest") return Json(inspected.root.descriptor.digest.str());
  if (path == ".Manifest.MediaType") return Json(inspected.root.descriptor.media_type);
  if (path == ".Manifest.Size") return Json(inspected.root.descriptor.size);
  return util::Fail(util::ErrorKind::kInvalidArgument,
                    "--format: unknown field {} (known: ., .Name, .Manifest, .Image, .Provenance, .SBOM, .Manifest.Digest, "
                    ".Manifest.MediaType, .Manifest.Size)",
                    path);
}

}  // namespace

std::string InspectText(const std::string& name, const registry::Inspected& inspected) {
  std::string out = fmt::format("Name:      {}\nMediaType: {}\nDigest:    {}\n", Safe(name),
                                Safe(inspected.root.descriptor.media_type), inspected.root.descriptor.digest.str());
  if (inspected.images.size() == 1 && inspected.images[0].descriptor.digest == inspected.root.descriptor.digest) {
    return out;
  }
  std::string repository = name.substr(0, name.find('@'));
  out += "\nManifests:\n";
  bool first = true;
  for (const auto& image : inspected.images) {
    if (!first) out += "\n";
    first = false;
    out += fmt::format("  Name:      {}@{}\n  MediaType: {}\n", Safe(repository), image.descriptor.digest.str(),
                       Safe(image.descriptor.media_type));
    if (image.descriptor.platform) out += fmt::format("  Platform:  {}\n", Safe(image::Format(*image.descriptor.platform)));
    if (!image.descriptor.annotations.empty()) out += "  Annotations:\n";
    for (const auto& [key, value] : image.descriptor.annotations) {
      out += fmt::format("    {}: {}\n", Safe(key), Safe(value));
    }
  }
  return out;
}

util::Result<std::string> InspectTemplate(std::string_view format, const std::string& name,
                                          const registry::Inspected& inspected) {
  std::string out;
  size_t i = 0;
  while (i < format.size()) {
    size_t open = format.find("{{", i);
    if (open == std::string_view::npos) {
      out += format.substr(i);
      break;
    }
    out += format.substr(i, open - i);
    size_t close = format.find("}}", open);
    if (close == std::string_view::npos) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "--format: unclosed action at offset {}", open);
    }
    std::string action = Trim(format.substr(open + 2, close - open - 2));
    if (action.starts_with("json ")) {
      auto value = MANIFOLD_TRY(Value(Trim(std::string_view(action).substr(5)), name, inspected));
      out += SafeJson(value, 2);
    } else if (action == ".Manifest") {
      out += InspectText(name, inspected);
    } else {
      auto value = MANIFOLD_TRY(Value(action, name, inspected));
      out += value.is_string() ? Safe(value.get<std::string>()) : SafeJson(value, -1);
    }
    i = close + 2;
  }
  return out;
}

bool TemplateNeedsConfigs(std::string_view format) {
  return format.find(".Image") != std::string_view::npos || format.find("json .}}") != std::string_view::npos ||
         format.find("json . }}") != std::string_view::npos;
}

bool TemplateNeedsAttestations(std::string_view format) {
  return format.find(".Provenance") != std::string_view::npos || format.find(".SBOM") != std::string_view::npos ||
         format.find("json .}}") != std::string_view::npos || format.find("json . }}") != std::string_view::npos;
}

}  // namespace manifold::cli
