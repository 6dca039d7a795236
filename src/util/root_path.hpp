// RootPath: resolve a path inside a directory tree as if that tree were "/", symlinks included.
#pragma once

#include <deque>
#include <filesystem>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::util {

/// What to do when `..` or a symlink would leave the root.
enum class EscapePolicy {
  kClamp,   ///< stay at the root, as chroot(2) would (a container's view of its own files)
  kRefuse,  ///< fail with kPermissionDenied naming the path (a build context must not be left)
};

/// Resolves `path` (absolute or relative to the root; `/` means the root) inside `root`,
/// following every symlink of every component, the last one too when `follow_last` is set,
/// as a process chrooted into `root` would. The result is `root` joined with the resolved path;
/// components that do not exist are appended as they are (so a path to be created resolves).
/// Errors: kInvalidArgument for a symlink loop (over 255 links), kPermissionDenied for an
/// escape under kRefuse. Not safe against concurrent changes of the tree (TOCTOU): use it on
/// trees no one else is changing, such as a build's own snapshots and context.
Result<std::filesystem::path> RootPath(const std::filesystem::path& root, std::string_view path,
                                       bool follow_last, EscapePolicy policy);

/// The non-empty components of a '/'-separated path ("/a//b/" → a, b); "." and ".." kept.
std::deque<std::string> SplitPath(std::string_view path);

/// Cleans a slash-separated path lexically ("a//b/./c/.." → "a/b"), as Go's path.Clean does;
/// "" → ".". Keeps a leading "/".
std::string CleanPath(std::string_view path);

}  // namespace manifold::util
