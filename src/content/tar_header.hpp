// TarEntry and its encoding as POSIX pax/ustar header blocks (deterministic, no host leakage).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::content {

/// The kind of a tar entry (POSIX ustar typeflags '0'–'6').
enum class TarEntryType { kFile, kHardlink, kSymlink, kCharDevice, kBlockDevice, kDirectory, kFifo };

/// One tar entry as written: only what a layer must carry. There are deliberately no atime,
/// ctime, user or group names: two machines with the same tree write the same bytes.
struct TarEntry {
  /// Relative '/'-separated path with no leading '/', no "." or ".." components and no empty
  /// components; directories are given without the trailing '/' (the writer adds it).
  std::string path;
  TarEntryType type = TarEntryType::kFile;
  /// Permission bits with setuid/setgid/sticky (masked with 07777).
  uint32_t mode = 0644;
  int64_t uid = 0;
  int64_t gid = 0;
  /// Whole seconds since the epoch (sub-second parts are dropped, as Docker does).
  int64_t mtime = 0;
  /// Content length; kFile only (0 otherwise).
  int64_t size = 0;
  /// kSymlink: the target as stored; kHardlink: the path of an earlier entry in the archive.
  std::string link_target;
  uint32_t dev_major = 0;
  uint32_t dev_minor = 0;
  /// Extended attributes by full name ("user.x", "security.capability"); values are bytes.
  std::map<std::string, std::string> xattrs;
};

/// Checks `entry` (path shape, link target present for links, size only on files) and
/// returns InvalidArgument naming the path when it cannot be archived.
util::Status ValidateTarEntry(const TarEntry& entry);

/// Appends the header blocks of `entry` to `out`: a pax extended header ('x') first when a
/// field does not fit ustar — a path or link target longer than 100 bytes or not ASCII (as Go's
/// archive/tar decides), a size ≥ 8 GiB, ids ≥ 2^21, an mtime out of octal range, or any
/// xattr (SCHILY.xattr.<name>) — with records sorted by key; then the 512-byte ustar header.
/// The entry should be valid (ValidateTarEntry); the encoding itself only needs a non-empty
/// path and link target without NUL (content::TarWriter writes other path shapes as given).
void AppendTarHeader(const TarEntry& entry, std::string& out);

/// The two zero blocks that end an archive.
inline constexpr size_t kTarEndSize = 1024;
inline constexpr size_t kTarBlockSize = 512;

}  // namespace manifold::content
