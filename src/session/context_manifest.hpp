// session::ContextManifest: what a build context holds, as the client sends it to a node.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace manifold::session {

/// One entry of a build context.
struct ContextEntry {
  enum class Type { kDir, kFile, kSymlink };
  std::string path{};  ///< relative, '/'-separated, no "." / ".." / empty components, no leading '/'
  Type type = Type::kFile;
  uint32_t mode = 0;     ///< permission bits incl. setuid/setgid/sticky (07777)
  int64_t size = 0;      ///< files
  int64_t mtime_ns = 0;  ///< nanoseconds since the epoch
  std::string digest{};  ///< files: "sha256:<64 lowercase hex>" of the content
  std::string target{};  ///< symlinks
};

/// A whole context: entries sorted by path (plain byte order, so parents come before their
/// children); the context's root itself is not an entry.
struct ContextManifest {
  std::vector<ContextEntry> entries{};
};

/// {"entries":[{"path":P,"type":"dir"|"file"|"symlink","mode":M,"mtime_ns":T,
///   "size":N,"digest":D (files),"target":L (symlinks)}, ...]} (docs/node-protocol.md).
nlohmann::json ManifestToJson(const ContextManifest& manifest);

/// Parses ManifestToJson's shape (other fields of the object and of entries are ignored),
/// sorts the entries by path and validates them (ValidateManifest). Errors: kInvalidArgument
/// naming the entry.
util::Result<ContextManifest> ManifestFromJson(const nlohmann::json& json);

/// Checks what a node relies on before writing anything: paths as ContextEntry says, sorted
/// and without duplicates, the parent of every entry a kDir entry of the manifest (so nothing
/// is ever written beneath a symlink), modes within 07777, file sizes >= 0, digests
/// well-formed, symlink targets non-empty. Errors: kInvalidArgument naming the entry.
util::Status ValidateManifest(const ContextManifest& manifest);

/// Whether `digest` is "sha256:" followed by 64 lowercase hex digits.
bool IsSha256Digest(std::string_view digest);

/// The 64 hex digits of a digest IsSha256Digest accepts.
std::string_view DigestHex(std::string_view digest);

}  // namespace manifold::session
