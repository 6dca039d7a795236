// ContextManifest's JSON form and the validation a node applies before trusting one.
#include "session/context_manifest.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

namespace manifold::session {

namespace {

using util::ErrorKind;
using util::Fail;

constexpr size_t kMaxName = 255;   // NAME_MAX
constexpr size_t kMaxPath = 4095;  // PATH_MAX less the terminating NUL

std::string_view TypeName(ContextEntry::Type type) {
  switch (type) {
    case ContextEntry::Type::kDir: return "dir";
    case ContextEntry::Type::kFile: return "file";
    case ContextEntry::Type::kSymlink: return "symlink";
  }
  return "?";
}

// Why `path` is not a clean relative path, or empty when it is.
std::string PathProblem(std::string_view path) {
  if (path.empty()) return "the path is empty";
  if (path.size() > kMaxPath) return "the path is longer than PATH_MAX";
  if (path.find('\0') != std::string_view::npos) return "the path holds a NUL byte";
  if (path.front() == '/') return "the path is absolute";
  size_t start = 0;
  for (;;) {
    size_t slash = path.find('/', start);
    std::string_view part = path.substr(start, slash == std::string_view::npos ? path.npos : slash - start);
    if (part.empty()) return "the path has an empty component";
    if (part == "." || part == "..") return fmt::format("the path has a {:?} component", part);
    if (part.size() > kMaxName) return "a component of the path is longer than NAME_MAX";
    if (slash == std::string_view::npos) return "";
    start = slash + 1;
  }
}

template <typename T>
util::Result<T> Field(const nlohmann::json& entry, const char* name, bool required, T fallback = T{}) {
  auto it = entry.find(name);
  if (it == entry.end()) {
    if (required) return Fail(ErrorKind::kInvalidArgument, "it has no {:?}", name);
    return fallback;
  }
  if constexpr (std::is_same_v<T, std::string>) {
    if (!it->is_string()) return Fail(ErrorKind::kInvalidArgument, "{:?} is not a string", name);
  } else {
    if (!it->is_number_integer()) return Fail(ErrorKind::kInvalidArgument, "{:?} is not an integer", name);
    if (it->is_number_unsigned() && it->template get<uint64_t>() > uint64_t{INT64_MAX}) {
      return Fail(ErrorKind::kInvalidArgument, "{:?} is out of range", name);
    }
  }
  return it->template get<T>();
}

util::Result<ContextEntry> EntryFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Fail(ErrorKind::kInvalidArgument, "it is not an object");
  ContextEntry entry;
  entry.path = MANIFOLD_TRY(Field<std::string>(json, "path", true));
  std::string type = MANIFOLD_TRY(Field<std::string>(json, "type", true));
  if (type == "dir") {
    entry.type = ContextEntry::Type::kDir;
  } else if (type == "file") {
    entry.type = ContextEntry::Type::kFile;
  } else if (type == "symlink") {
    entry.type = ContextEntry::Type::kSymlink;
  } else {
    return Fail(ErrorKind::kInvalidArgument, "unknown type {:?} (dir, file or symlink)", type);
  }
  const int64_t mode = MANIFOLD_TRY(Field<int64_t>(json, "mode", true));
  if (mode < 0 || mode > 07777) return Fail(ErrorKind::kInvalidArgument, "mode {} is not within 0..07777", mode);
  entry.mode = static_cast<uint32_t>(mode);
  entry.mtime_ns = MANIFOLD_TRY(Field<int64_t>(json, "mtime_ns", true));
  if (entry.type == ContextEntry::Type::kFile) {
    entry.size = MANIFOLD_TRY(Field<int64_t>(json, "size", true));
    entry.digest = MANIFOLD_TRY(Field<std::string>(json, "digest", true));
  }
  if (entry.type == ContextEntry::Type::kSymlink) entry.target = MANIFOLD_TRY(Field<std::string>(json, "target", true));
  return entry;
}

util::Status ValidateEntry(const ContextEntry& entry, const std::map<std::string_view, ContextEntry::Type>& seen) {
  if (std::string problem = PathProblem(entry.path); !problem.empty()) {
    return Fail(ErrorKind::kInvalidArgument, "{}", problem);
  }
  if (entry.mode > 07777) return Fail(ErrorKind::kInvalidArgument, "mode {:o} has bits beyond 07777", entry.mode);
  if (entry.type == ContextEntry::Type::kFile) {
    if (entry.size < 0) return Fail(ErrorKind::kInvalidArgument, "negative size {}", entry.size);
    if (!IsSha256Digest(entry.digest)) {
      return Fail(ErrorKind::kInvalidArgument, "digest {:?} is not sha256:<64 lowercase hex>", entry.digest);
    }
  }
  if (entry.type == ContextEntry::Type::kSymlink &&
      (entry.target.empty() || entry.target.find('\0') != std::string::npos || entry.target.size() > kMaxPath)) {
    return Fail(ErrorKind::kInvalidArgument, "the symlink target is empty, too long or holds a NUL byte");
  }
  size_t slash = entry.path.rfind('/');
  if (slash != std::string::npos) {
    std::string_view parent = std::string_view(entry.path).substr(0, slash);
    auto it = seen.find(parent);
    if (it == seen.end()) return Fail(ErrorKind::kInvalidArgument, "its parent {:?} is not listed before it", parent);
    if (it->second != ContextEntry::Type::kDir) {
      return Fail(ErrorKind::kInvalidArgument, "its parent {:?} is a {}, not a dir", parent, TypeName(it->second));
    }
  }
  return {};
}

}  // namespace

bool IsSha256Digest(std::string_view digest) {
  constexpr std::string_view kPrefix = "sha256:";
  if (digest.size() != kPrefix.size() + 64 || !digest.starts_with(kPrefix)) return false;
  return std::all_of(digest.begin() + kPrefix.size(), digest.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string_view DigestHex(std::string_view digest) { return digest.substr(digest.find(':') + 1); }

nlohmann::json ManifestToJson(const ContextManifest& manifest) {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& e : manifest.entries) {
    nlohmann::json j{{"path", e.path}, {"type", TypeName(e.type)}, {"mode", e.mode}, {"mtime_ns", e.mtime_ns}};
    if (e.type == ContextEntry::Type::kFile) {
      j["size"] = e.size;
      j["digest"] = e.digest;
    }
    if (e.type == ContextEntry::Type::kSymlink) j["target"] = e.target;
    entries.push_back(std::move(j));
  }
  return nlohmann::json{{"entries", std::move(entries)}};
}

util::Result<ContextManifest> ManifestFromJson(const nlohmann::json& json) {
  if (!json.is_object() || !json.contains("entries") || !json["entries"].is_array()) {
    return Fail(ErrorKind::kInvalidArgument, "a context manifest must be an object with an \"entries\" array");
  }
  ContextManifest manifest;
  const auto& entries = json["entries"];
  manifest.entries.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    auto entry = EntryFromJson(entries[i]);
    if (!entry) {
      const auto& raw = entries[i];
      std::string name = raw.is_object() && raw.contains("path") && raw["path"].is_string()
                             ? raw["path"].get<std::string>()
                             : fmt::format("#{}", i);
      return std::unexpected(std::move(entry.error()).Context("context manifest entry {:?}", name));
    }
    manifest.entries.push_back(std::move(*entry));
  }
  std::stable_sort(manifest.entries.begin(), manifest.entries.end(),
                   [](const ContextEntry& a, const ContextEntry& b) { return a.path < b.path; });
  MANIFOLD_CHECK(ValidateManifest(manifest));
  return manifest;
}

util::Status ValidateManifest(const ContextManifest& manifest) {
  std::map<std::string_view, ContextEntry::Type> seen;
  const std::string* previous = nullptr;
  for (const auto& entry : manifest.entries) {
    auto fail = [&](util::Error error) {
      return std::unexpected(std::move(error).Context("context manifest entry {:?}", entry.path));
    };
    if (previous != nullptr && entry.path == *previous) {
      return fail(util::Error(ErrorKind::kInvalidArgument, "the path is listed twice"));
    }
    if (previous != nullptr && entry.path < *previous) {
      return fail(util::Error(ErrorKind::kInvalidArgument, fmt::format("it comes after {:?}: the entries are not sorted", *previous)));
    }
    if (auto ok = ValidateEntry(entry, seen); !ok) return fail(std::move(ok.error()));
    seen.emplace(entry.path, entry.type);
    previous = &entry.path;
  }
  return {};
}

}  // namespace manifold::session
