// Named contexts: the --build-context flag's grammar (buildx's), and reading what it names.
#include "builder/build_contexts.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "builder/context.hpp"
#include "content/oci_layout.hpp"
#include "image/config.hpp"
#include "registry/pull.hpp"
#include "registry/reference.hpp"
#include "util/git_url.hpp"

namespace manifold::builder {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kImagePrefix = "docker-image://";
constexpr std::string_view kLayoutPrefix = "oci-layout://";
// oci-layout images get this registry in their references: reserved (RFC 2606), so a blob
// missing from the store can never be fetched from a real host by mistake.
constexpr std::string_view kLayoutDomain = "oci-layout.invalid";

util::Error Bad(std::string_view flag, std::string why) {
  return util::Error(util::ErrorKind::kInvalidArgument, fmt::format("--build-context {}: {}", flag, why));
}

bool IsHttp(std::string_view value) { return value.starts_with("http://") || value.starts_with("https://"); }

}  // namespace

util::Result<std::string> NamedContextKey(std::string_view name) {
  auto ref = MANIFOLD_TRY(registry::ParseReferenceNoDefault(name));
  std::string key;
  if (ref.domain == "docker.io") {
    // distribution/reference's FamiliarName: "library/" goes only before a one-component path.
    std::string_view path = ref.path;
    if (path.starts_with("library/") && path.find('/', 8) == std::string_view::npos) path.remove_prefix(8);
    key = std::string(path);
  } else {
    key = ref.Name();
  }
  if (!ref.tag.empty()) key += ":" + ref.tag;
  if (ref.digest) key += "@" + ref.digest->str();
  if (key.ends_with(":latest")) key.resize(key.size() - 7);
  return key;
}

util::Result<std::pair<std::string, NamedContextSpec>> ParseBuildContextFlag(std::string_view flag) {
  auto eq = flag.find('=');
  if (eq == std::string_view::npos) return std::unexpected(Bad(flag, "expected NAME=VALUE"));
  std::string_view name = flag.substr(0, eq);
  std::string_view value = flag.substr(eq + 1);
  auto key = NamedContextKey(name);
  if (!key) {
    return std::unexpected(Bad(flag, fmt::format("invalid context name {:?}: a name is written like an image "
                                                 "name (lower-case letters, digits, '.', '_', '-', '/'; an "
                                                 "optional :tag): {}",
                                                 name, key.error().message())));
  }
  if (*key == "context" || *key == "scratch") {
    return std::unexpected(Bad(flag, fmt::format("the name {:?} is never looked up by a Dockerfile ({} always means "
                                                 "{}); pass the directory as the PATH argument or pick another name",
                                                 *key, *key, *key == "context" ? "the build context" : "an empty image")));
  }
  if (value.empty()) return std::unexpected(Bad(flag, "no value: give a directory, docker-image://REF or oci-layout://PATH"));
  NamedContextSpec spec;
  spec.value = std::string(value);
  if (value.starts_with("target:")) {
    return std::unexpected(Bad(flag, "target: links between targets are bake's (`manifold bake`, not here yet)"));
  }
  if (util::IsGitUrl(value)) {
    auto url = util::ParseGitUrl(value);
    if (!url) {
      // The value may carry credentials (https://user:token@…): never echo it whole.
      return std::unexpected(Bad(fmt::format("{}={}", name, util::WithoutCredentials(value)), url.error().message()));
    }
    spec.kind = NamedContextSpec::Kind::kGit;
    return std::pair{*key, std::move(spec)};
  }
  if (IsHttp(value)) {
    return std::unexpected(Bad(flag, "http(s) URLs other than git repositories (URL ending in .git) are not fetched "
                                     "as named contexts by this manifold; download it and give the directory"));
  }
  if (value.starts_with(kImagePrefix)) {
    spec.kind = NamedContextSpec::Kind::kImage;
    spec.reference = std::string(value.substr(kImagePrefix.size()));
    if (spec.reference != "scratch") {
      if (auto ref = registry::ParseReference(spec.reference); !ref) {
        return std::unexpected(Bad(flag, ref.error().message()));
      }
    }
    return std::pair{*key, std::move(spec)};
  }
  if (value.starts_with(kLayoutPrefix)) {
    // As buildx: PATH[@DIGEST] first, then PATH[:TAG].
    std::string_view rest = value.substr(kLayoutPrefix.size());
    spec.kind = NamedContextSpec::Kind::kOciLayout;
    if (auto at = rest.find('@'); at != std::string_view::npos) {
      auto digest = image::Digest::Parse(rest.substr(at + 1));
      if (!digest) return std::unexpected(Bad(flag, fmt::format("the digest after '@': {}", digest.error().message())));
      spec.oci_digest = digest->str();
      rest = rest.substr(0, at);
    }
    if (auto colon = rest.rfind(':'); colon != std::string_view::npos && rest.find('/', colon) == std::string_view::npos) {
      spec.oci_tag = std::string(rest.substr(colon + 1));
      rest = rest.substr(0, colon);
    }
    if (spec.oci_tag.empty() && spec.oci_digest.empty()) spec.oci_tag = "latest";
    if (rest.empty()) return std::unexpected(Bad(flag, "oci-layout:// needs the path of an OCI layout directory"));
    spec.path = std::string(rest);
    return std::pair{*key, std::move(spec)};
  }
  if (auto scheme = value.find("://"); scheme != std::string_view::npos) {
    return std::unexpected(Bad(flag, fmt::format("unknown scheme {:?}: a value is a directory, docker-image://REF or "
                                                 "oci-layout://PATH[@sha256:DIGEST|:TAG]",
                                                 value.substr(0, scheme + 3))));
  }
  spec.kind = NamedContextSpec::Kind::kDirectory;
  spec.path = std::string(value);
  return std::pair{*key, std::move(spec)};
}

namespace {

// The image of an OCI layout that `spec` asks for, imported into `store`.
util::Result<image::Descriptor> ReadLayoutImage(const std::string& key, const NamedContextSpec& spec,
                                                const content::Store& store) {
  const std::string flag = key + "=" + spec.value;
  std::error_code ec;
  if (!fs::is_directory(spec.path, ec)) {
    return std::unexpected(Bad(flag, fmt::format("{} is not a directory (an OCI image layout, as written by "
                                                 "-o type=oci,tar=false)",
                                                 spec.path.string())));
  }
  auto layout = content::ReadLayout(store, spec.path);
  if (!layout) return std::unexpected(std::move(layout.error()).Context("--build-context {}", flag));
  const auto& manifests = layout->manifests;
  if (!spec.oci_digest.empty()) {
    auto it = std::find_if(manifests.begin(), manifests.end(),
                           [&](const image::Descriptor& d) { return d.digest.str() == spec.oci_digest; });
    if (it == manifests.end()) {
      return std::unexpected(Bad(flag, fmt::format("{}/index.json lists no image {}", spec.path.string(), spec.oci_digest)));
    }
    return *it;
  }
  std::vector<std::string> tags;
  for (const auto& d : manifests) {
    auto name = d.annotations.find(std::string(content::kRefNameAnnotation));
    if (name == d.annotations.end()) continue;
    if (name->second == spec.oci_tag) return d;
    tags.push_back(name->second);
  }
  // buildx: with no image of that tag, the layout's only image.
  if (manifests.size() == 1) return manifests.front();
  return std::unexpected(Bad(flag, fmt::format("{}/index.json has {} images and none tagged {:?} (tags: {}); add "
                                               ":TAG or @sha256:DIGEST",
                                               spec.path.string(), manifests.size(), spec.oci_tag,
                                               tags.empty() ? "none" : fmt::format("{}", fmt::join(tags, ", ")))));
}

}  // namespace

util::Result<NamedContexts> ReadNamedContexts(const std::map<std::string, NamedContextSpec>& specs,
                                              const content::Store& store) {
  NamedContexts out;
  for (const auto& [key, spec] : specs) {
    frontend::dockerfile::NamedContext named;
    switch (spec.kind) {
      case NamedContextSpec::Kind::kImage:
        named.kind = frontend::dockerfile::NamedContext::Kind::kImage;
        named.image = spec.reference;
        break;
      case NamedContextSpec::Kind::kOciLayout: {
        auto root = MANIFOLD_TRY(ReadLayoutImage(key, spec, store));
        named.kind = frontend::dockerfile::NamedContext::Kind::kImage;
        named.image = fmt::format("{}{}@{}", kLayoutPrefix, key, root.digest.str());
        out.layouts[named.image] = root;
        break;
      }
      case NamedContextSpec::Kind::kGit:
        // ResolveBuildContext fetches these before a build; a caller that skipped it gets told.
        return std::unexpected(Bad(key + "=" + util::ParseGitUrl(spec.value).value_or(util::GitUrl{}).Display(),
                                   "a git context must be fetched first (builder::ResolveBuildContext)"));
      case NamedContextSpec::Kind::kDirectory: {
        std::error_code ec;
        if (!fs::is_directory(spec.path, ec)) {
          return std::unexpected(util::Error(
              util::ErrorKind::kNotFound,
              fmt::format("--build-context {}={}: {} is not a directory (a path is relative to the working "
                          "directory)",
                          key, spec.value, spec.path.string())));
        }
        NamedContextDir dir;
        dir.dir = fs::canonical(spec.path, ec);
        auto rules = ReadDirIgnoreFile(dir.dir);
        if (!rules) return std::unexpected(std::move(rules.error()).Context("--build-context {}={}", key, spec.value));
        dir.ignore_patterns = std::move(rules->patterns);
        dir.excluded = std::move(rules->excluded);
        dir.walk_excluded = std::move(rules->walk_excluded);
        named.kind = frontend::dockerfile::NamedContext::Kind::kLocal;
        named.local_name = "context:" + key;
        named.excludes = dir.ignore_patterns;
        out.dirs[named.local_name] = std::move(dir);
        break;
      }
    }
    out.lowered[key] = std::move(named);
  }
  return out;
}

frontend::dockerfile::ImageResolver NamedContextResolver(const NamedContexts& contexts, const content::Store& store,
                                                         frontend::dockerfile::ImageResolver fallback) {
  return [&contexts, &store, fallback = std::move(fallback)](
             std::string_view name, const image::Platform& platform) -> util::Result<frontend::dockerfile::ResolvedBaseImage> {
    auto layout = contexts.layouts.find(std::string(name));
    if (layout == contexts.layouts.end()) {
      if (!fallback) return util::Fail(util::ErrorKind::kUnavailable, "{}: this build cannot pull images", name);
      return fallback(name, platform);
    }
    const image::Descriptor& root = layout->second;
    std::string key(name.substr(kLayoutPrefix.size(), name.rfind('@') - kLayoutPrefix.size()));
    auto image = registry::ResolveImage(registry::StoredImageSource(store, root, std::string(name)), root.digest.str(),
                                        platform, store);
    if (!image) return std::unexpected(std::move(image.error()));
    auto config = image::ParseConfig(image->config_bytes);
    if (!config) return std::unexpected(std::move(config.error()).Context("reading the config of {}", name));
    // A reference the worker can parse, on a registry that never resolves: every blob is in
    // the store already.
    auto ref = registry::ParseReference(key);
    std::string path = ref ? ref->path : "context";
    frontend::dockerfile::ResolvedBaseImage out;
    out.reference = fmt::format("{}/{}@{}", kLayoutDomain, path, image->manifest.digest.str());
    out.config = std::move(*config);
    return out;
  };
}

}  // namespace manifold::builder
