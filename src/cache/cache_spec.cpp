// --cache-to / --cache-from parsing, compatible with buildx's ParseCacheEntry.
#include "cache/cache_spec.hpp"

#include <array>

#include "registry/reference.hpp"
#include "util/csv.hpp"

namespace manifold::cache {

namespace {

// Cache backends buildx knows that manifold does not implement: named so the error can say
// "not supported" instead of "unknown".
constexpr std::array<std::string_view, 2> kUnsupportedTypes = {"s3", "azblob"};

// buildx's keys of type=gha (parsed, then the cli drops the entry with a warning).
constexpr std::array<std::string_view, 8> kGhaKeys = {"scope", "url", "url_v2", "token", "ghtoken",
                                                      "repository", "timeout", "version"};

// Keys buildx/BuildKit accept for the registry and local exporters that only tune their output
// format; manifold writes one format, so they are accepted and have no effect (on --cache-from
// too, where BuildKit ignores them, so one string can serve both flags).
constexpr std::array<std::string_view, 5> kIgnoredExportKeys = {
    "compression", "compression-level", "force-compression", "oci-mediatypes", "image-manifest"};

bool Contains(auto& list, std::string_view value) {
  for (std::string_view x : list) {
    if (x == value) return true;
  }
  return false;
}

class SpecParser {
 public:
  SpecParser(std::string_view flag, std::string_view value, bool is_export)
      : flag_(flag), is_export_(is_export) {
    spec_.raw = std::string(value);
  }

  util::Result<CacheSpec> Parse() {
    std::string_view value = spec_.raw;
    if (value.empty()) {
      return Fail("needs a value, e.g. type=registry,ref=REGISTRY/REPO:TAG or type=local,{}=DIR",
                  is_export_ ? "dest" : "src");
    }
    if (value.find('=') == std::string_view::npos) {
      // buildx: a value without '=' is a registry reference.
      spec_.type = CacheSpec::Type::kRegistry;
      spec_.ref = spec_.raw;
      MANIFOLD_CHECK(CheckRef());
      return spec_;
    }
    auto fields = util::SplitCsv(value);
    if (!fields) return Fail("{}", fields.error().message());
    std::string type;
    for (const std::string& field : *fields) {
      size_t eq = field.find('=');
      if (eq == std::string::npos) {
        return Fail("{:?} is not key=value (keys: type, ref, {}, mode, ignore-error)", field,
                    is_export_ ? "dest" : "src");
      }
      std::string key = field.substr(0, eq);
      std::string val = field.substr(eq + 1);
      if (key == "type") {
        type = val;
      } else {
        keys_.emplace_back(std::move(key), std::move(val));
      }
    }
    if (type.empty()) return Fail("type= is required (registry, local or inline)");
    if (type == "registry") {
      spec_.type = CacheSpec::Type::kRegistry;
    } else if (type == "local") {
      spec_.type = CacheSpec::Type::kLocal;
    } else if (type == "inline") {
      if (!is_export_) {
        return Fail("type=inline is for --cache-to; inline cache is read from the image itself: "
                    "use --cache-from type=registry,ref=IMAGE");
      }
      spec_.type = CacheSpec::Type::kInline;
    } else if (type == "gha") {
      spec_.type = CacheSpec::Type::kGha;
    } else if (Contains(kUnsupportedTypes, type)) {
      return Fail("cache type {:?} is not supported by manifold; use type=registry,ref=REGISTRY/REPO:TAG "
                  "or type=local,{}=DIR",
                  type, is_export_ ? "dest" : "src");
    } else {
      return Fail("unknown cache type {:?} (registry, local{})", type, is_export_ ? ", inline" : "");
    }
    for (const auto& [key, val] : keys_) MANIFOLD_CHECK(ApplyKey(key, val));
    return Finish();
  }

 private:
  template <typename... Args>
  std::unexpected<util::Error> Fail(fmt::format_string<Args...> format, Args&&... args) const {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} {:?}: {}", flag_, spec_.raw,
                      fmt::format(format, std::forward<Args>(args)...));
  }

  util::Result<bool> Bool(std::string_view key, std::string_view value) const {
    if (value == "true" || value == "1") return true;
    if (value == "false" || value == "0") return false;
    return Fail("{} must be true or false, not {:?}", key, value);
  }

  util::Status ApplyKey(const std::string& key, const std::string& value) {
    std::string_view type = CacheTypeName(spec_.type);
    if (key == "ref" && spec_.type == CacheSpec::Type::kRegistry) {
      spec_.ref = value;
    } else if (key == "dest" && is_export_ && spec_.type == CacheSpec::Type::kLocal) {
      spec_.dir = value;
    } else if (key == "src" && !is_export_ && spec_.type == CacheSpec::Type::kLocal) {
      spec_.dir = value;
    } else if (key == "registry.insecure" && spec_.type == CacheSpec::Type::kRegistry) {
      spec_.registry_insecure = MANIFOLD_TRY(Bool(key, value));
    } else if (key == "mode") {
      if (value != "min" && value != "max") return Fail("mode must be min or max, not {:?}", value);
      if (is_export_) spec_.mode_max = value == "max";
    } else if (key == "ignore-error") {
      bool on = MANIFOLD_TRY(Bool(key, value));
      if (is_export_) spec_.ignore_error = on;
    } else if (spec_.type == CacheSpec::Type::kGha && Contains(kGhaKeys, key)) {
      if (key == "token") spec_.gha_configured = true;
    } else if (spec_.type != CacheSpec::Type::kInline && Contains(kIgnoredExportKeys, key)) {
      // Output-format tuning: see kIgnoredExportKeys.
    } else if ((key == "dest" || key == "src") && spec_.type == CacheSpec::Type::kLocal) {
      return Fail("type=local takes {}= for {}, not {}=", is_export_ ? "dest" : "src", flag_, key);
    } else {
      return Fail("unknown key {:?} for type={}", key, type);
    }
    return {};
  }

  util::Status CheckRef() const {
    if (spec_.ref.empty()) return Fail("type=registry needs ref=REGISTRY/REPO:TAG");
    auto ref = registry::ParseReference(spec_.ref);
    if (!ref) return Fail("ref {:?} is not a valid image reference: {}", spec_.ref, ref.error().message());
    if (is_export_ && ref->digest) {
      return Fail("ref {:?} is pinned by digest; a cache export needs a tag to push to (REGISTRY/REPO:TAG)", spec_.ref);
    }
    return {};
  }

  util::Result<CacheSpec> Finish() {
    switch (spec_.type) {
      case CacheSpec::Type::kRegistry:
        MANIFOLD_CHECK(CheckRef());
        break;
      case CacheSpec::Type::kLocal:
        if (spec_.dir.empty()) return Fail("type=local needs {}=DIR", is_export_ ? "dest" : "src");
        break;
      case CacheSpec::Type::kGha:
        break;
      case CacheSpec::Type::kInline:
        // Inline cache lives in the image's config and can only point at the image's own layers.
        if (spec_.mode_max) {
          return Fail("type=inline supports only mode=min; use type=registry,ref=REGISTRY/REPO:TAG,mode=max "
                      "to export every step");
        }
        break;
    }
    return spec_;
  }

  std::string_view flag_;
  bool is_export_;
  CacheSpec spec_;
  std::vector<std::pair<std::string, std::string>> keys_;
};

}  // namespace

std::string_view CacheTypeName(CacheSpec::Type type) {
  switch (type) {
    case CacheSpec::Type::kLocal: return "local";
    case CacheSpec::Type::kRegistry: return "registry";
    case CacheSpec::Type::kInline: return "inline";
    case CacheSpec::Type::kGha: return "gha";
  }
  return "?";
}

util::Result<CacheSpec> ParseCacheTo(std::string_view value) { return SpecParser("--cache-to", value, true).Parse(); }

util::Result<CacheSpec> ParseCacheFrom(std::string_view value) {
  return SpecParser("--cache-from", value, false).Parse();
}

}  // namespace manifold::cache
