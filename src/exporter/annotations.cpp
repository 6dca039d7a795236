// Parsing annotations: buildx's --annotation grammar and BuildKit's annotation* output keys.
#include "exporter/annotations.hpp"

#include <fmt/format.h>

#include "image/platform_parse.hpp"

namespace manifold::exporter {

namespace {

std::optional<AnnotationType> TypeNamed(std::string_view name) {
  if (name == "manifest") return AnnotationType::kManifest;
  if (name == "index") return AnnotationType::kIndex;
  if (name == "manifest-descriptor") return AnnotationType::kManifestDescriptor;
  if (name == "index-descriptor") return AnnotationType::kIndexDescriptor;
  return std::nullopt;
}

// "TYPE" or "TYPE[PLATFORM]" (type may be empty for output keys' `annotation[...]`).
util::Result<Annotation> TypeAndPlatform(std::string_view spec, bool empty_type_ok, std::string_view what) {
  Annotation a;
  std::string_view type = spec;
  std::string_view platform;
  if (size_t open = spec.find('['); open != std::string_view::npos) {
    if (spec.back() != ']') {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{}: {:?} must end its platform with ']'", what,
                        std::string(spec));
    }
    type = spec.substr(0, open);
    platform = spec.substr(open + 1, spec.size() - open - 2);
    if (platform.empty()) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "{}: empty platform in {:?}", what, std::string(spec));
    }
  }
  if (!type.empty() || !empty_type_ok) {
    auto named = TypeNamed(type);
    if (!named) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "{}: unknown annotation type {:?} (manifest, index, manifest-descriptor, index-descriptor)",
                        what, std::string(type));
    }
    a.type = *named;
  }
  if (!platform.empty()) {
    auto p = image::ParsePlatformFlag(platform, image::HostPlatform());
    if (!p) return util::Fail(util::ErrorKind::kInvalidArgument, "{}: {}", what, p.error().message());
    if (a.type == AnnotationType::kIndex || a.type == AnnotationType::kIndexDescriptor) {
      // BuildKit writes the index with the annotations of no platform: a selector would drop it.
      return util::Fail(util::ErrorKind::kInvalidArgument, "{}: an {} annotation takes no [platform]", what,
                        AnnotationTypeName(a.type));
    }
    a.platform = *p;
  }
  return a;
}

util::Status CheckKey(std::string_view key, std::string_view what) {
  if (key.empty()) return util::Fail(util::ErrorKind::kInvalidArgument, "{}: the annotation key is empty", what);
  return {};
}

}  // namespace

std::string_view AnnotationTypeName(AnnotationType type) {
  switch (type) {
    case AnnotationType::kManifest: return "manifest";
    case AnnotationType::kIndex: return "index";
    case AnnotationType::kManifestDescriptor: return "manifest-descriptor";
    case AnnotationType::kIndexDescriptor: return "index-descriptor";
  }
  return "?";
}

util::Result<std::vector<Annotation>> ParseAnnotationFlag(std::string_view text) {
  const std::string what = fmt::format("--annotation {:?}", std::string(text));
  size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}: expected KEY=VALUE or TYPE:KEY=VALUE", what);
  }
  std::string_view left = text.substr(0, eq);
  std::string value(text.substr(eq + 1));
  size_t colon = left.find(':');
  if (colon == std::string_view::npos) {
    MANIFOLD_CHECK(CheckKey(left, what));
    Annotation a;
    a.key = std::string(left);
    a.value = value;
    return std::vector<Annotation>{a};
  }
  std::string_view key = left.substr(colon + 1);
  MANIFOLD_CHECK(CheckKey(key, what));
  std::vector<Annotation> out;
  std::string_view types = left.substr(0, colon);
  size_t start = 0;
  while (start <= types.size()) {
    size_t comma = types.find(',', start);
    if (comma == std::string_view::npos) comma = types.size();
    auto a = MANIFOLD_TRY(TypeAndPlatform(types.substr(start, comma - start), false, what));
    a.key = std::string(key);
    a.value = value;
    out.push_back(std::move(a));
    start = comma + 1;
  }
  return out;
}

bool IsAnnotationKey(std::string_view key) {
  return key.starts_with("annotation.") || key.starts_with("annotation-") || key.starts_with("annotation[");
}

util::Result<Annotation> ParseAnnotationKey(std::string_view key, std::string_view value) {
  const std::string what = fmt::format("output key {:?}", std::string(key));
  if (!IsAnnotationKey(key)) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}: not an annotation key", what);
  }
  std::string_view rest = key.substr(std::string_view("annotation").size());
  // The annotation's own key may hold dots and brackets; the type and platform end at the first
  // '.', or at the '.' right after a platform's ']' when a '[' comes first.
  size_t dot = rest.find('.');
  size_t open = rest.find('[');
  if (open != std::string_view::npos && open < dot) {
    size_t close = rest.find(']', open);
    dot = close == std::string_view::npos ? close : close + 1;
    if (dot != std::string_view::npos && (dot >= rest.size() || rest[dot] != '.')) dot = std::string_view::npos;
  }
  if (dot == std::string_view::npos) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}: expected annotation[-TYPE][[PLATFORM]].KEY", what);
  }
  std::string_view spec = rest.substr(0, dot);
  if (!spec.empty() && spec.front() == '-') spec.remove_prefix(1);
  else if (!spec.empty() && spec.front() != '[') {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{}: expected annotation[-TYPE][[PLATFORM]].KEY", what);
  }
  auto a = MANIFOLD_TRY(TypeAndPlatform(spec, true, what));
  a.key = std::string(rest.substr(dot + 1));
  MANIFOLD_CHECK(CheckKey(a.key, what));
  a.value = std::string(value);
  return a;
}

void MergeAnnotations(std::vector<Annotation>& into, const std::vector<Annotation>& more) {
  for (const auto& a : more) {
    std::erase_if(into, [&](const Annotation& b) { return a.type == b.type && a.platform == b.platform && a.key == b.key; });
    into.push_back(a);
  }
}

}  // namespace manifold::exporter
