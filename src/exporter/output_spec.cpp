// --output parsing, compatible with buildx.
#include "exporter/output_spec.hpp"

#include <charconv>

#include "exporter/output_keys.hpp"
#include "util/csv.hpp"

namespace manifold::exporter {

namespace {

util::Result<bool> ParseBool(std::string_view key, std::string_view value, std::string_view raw) {
  if (value == "true" || value == "1" || value.empty()) return true;
  if (value == "false" || value == "0") return false;
  return util::Fail(util::ErrorKind::kInvalidArgument, "--output {:?}: {} must be true or false, not {:?}",
                    std::string(raw), std::string(key), std::string(value));
}

void SplitNames(std::string_view value, std::vector<std::string>* names) {
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view name = value.substr(start, comma - start);
    if (!name.empty()) names->emplace_back(name);
    start = comma + 1;
  }
}

}  // namespace

std::string_view OutputTypeName(OutputType type) {
  switch (type) {
    case OutputType::kOci: return "oci";
    case OutputType::kDocker: return "docker";
    case OutputType::kLocal: return "local";
    case OutputType::kTar: return "tar";
    case OutputType::kImage: return "image";
    case OutputType::kRegistry: return "registry";
    case OutputType::kCacheOnly: return "cacheonly";
  }
  return "?";
}

util::Result<OutputSpec> ParseOutputSpec(std::string_view text) {
  OutputSpec spec;
  spec.raw = std::string(text);
  if (text.empty()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "--output needs a value, e.g. type=oci,dest=out.tar or a directory");
  }
  if (text.find('=') == std::string_view::npos) {
    // buildx's shorthands: "-" is a tar on stdout, anything else a local directory.
    spec.type = text == "-" ? OutputType::kTar : OutputType::kLocal;
    spec.dest = std::string(text);
    return spec;
  }
  auto split = util::SplitCsv(text);
  if (!split) return std::unexpected(std::move(split.error()).Context("--output"));
  auto fields = std::move(*split);
  bool have_type = false;
  bool media_types_given = false;
  std::vector<std::string> keys;
  for (const auto& field : fields) {
    size_t eq = field.find('=');
    std::string key = field.substr(0, eq);
    keys.push_back(key);
    std::string value = eq == std::string::npos ? "" : field.substr(eq + 1);
    auto fail = [&](std::string_view why) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "--output {:?}: {}", spec.raw, why);
    };
    if (key == "type") {
      have_type = true;
      if (value == "oci") spec.type = OutputType::kOci;
      else if (value == "docker") spec.type = OutputType::kDocker;
      else if (value == "local") spec.type = OutputType::kLocal;
      else if (value == "tar") spec.type = OutputType::kTar;
      else if (value == "image") spec.type = OutputType::kImage;
      else if (value == "registry") { spec.type = OutputType::kRegistry; spec.push = true; }
      else if (value == "cacheonly") spec.type = OutputType::kCacheOnly;
      else return fail(fmt::format("unknown type {:?} (oci, docker, local, tar, image, registry, cacheonly)", value));
    } else if (key == "dest") {
      spec.dest = value;
    } else if (key == "tar") {
      spec.tar = MANIFOLD_TRY(ParseBool(key, value, spec.raw));
    } else if (key == "compression") {
      auto compression = content::ParseCompression(value);
      if (!compression) return fail(compression.error().message());
      spec.compression = *compression;
    } else if (key == "compression-level") {
      int level = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), level);
      if (ec != std::errc() || end != value.data() + value.size() || level < 0 || level > 22) {
        return fail(fmt::format("compression-level must be a number from 0 to 22, not {:?}", value));
      }
      spec.compression_level = level;
    } else if (key == "oci-mediatypes") {
      spec.oci_mediatypes = MANIFOLD_TRY(ParseBool(key, value, spec.raw));
      media_types_given = true;
    } else if (key == "name") {
      SplitNames(value, &spec.names);
    } else if (key == "push") {
      spec.push = MANIFOLD_TRY(ParseBool(key, value, spec.raw));
    } else if (key == "registry.insecure") {
      spec.registry_insecure = MANIFOLD_TRY(ParseBool(key, value, spec.raw));
    } else if (key == "attestations") {
      if (value == "index") spec.attestations = AttestationStyle::kIndex;
      else if (value == "referrers") spec.attestations = AttestationStyle::kReferrers;
      else return fail(fmt::format("attestations must be index or referrers, not {:?}", value));
    } else if (IsAnnotationKey(key)) {
      auto annotation = ParseAnnotationKey(key, value);
      if (!annotation) return fail(annotation.error().message());
      MergeAnnotations(spec.annotations, {*annotation});
    } else if (auto image_key = ParseImageKey(key, value, spec); !image_key) {
      return fail(image_key.error().message());
    } else if (*image_key) {
      // push-by-digest, name-canonical, store and compression options (output_keys.cpp)
    } else {
      return fail(fmt::format("unknown key {:?}", key));
    }
  }
  if (!have_type) return util::Fail(util::ErrorKind::kInvalidArgument, "--output {:?}: type= is required", spec.raw);
  if (auto checked = CheckImageKeys(spec, keys); !checked) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "--output {:?}: {}", spec.raw, checked.error().message());
  }
  // buildx's docker exporter writes Docker media types unless told otherwise.
  if (spec.type == OutputType::kDocker && !media_types_given) spec.oci_mediatypes = false;
  if (spec.attestations != AttestationStyle::kIndex && spec.type != OutputType::kOci &&
      spec.type != OutputType::kRegistry && spec.type != OutputType::kImage) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "--output {:?}: attestations= applies to type=registry, type=image and type=oci only", spec.raw);
  }
  // type=docker without dest loads into the Docker Engine (buildx's docker driver does the same).
  bool needs_dest = spec.type == OutputType::kOci || spec.type == OutputType::kLocal || spec.type == OutputType::kTar;
  if (needs_dest && spec.dest.empty()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "--output {:?}: type={} needs dest=PATH", spec.raw,
                      OutputTypeName(spec.type));
  }
  return spec;
}

}  // namespace manifold::exporter
