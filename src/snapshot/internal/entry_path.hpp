// Archive entry names: cleaning them into root-relative paths, recognizing whiteout markers.
#pragma once

#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::snapshot::internal {

/// Cleans an archive entry name into a path relative to the root, as Docker does: lexical
/// cleaning first (so "/../x" is "/x"), then a leading "/" dropped ("/abs/p" → "abs/p").
/// "." (also "./", "/", "") is the root itself. Errors: kInvalidArgument when the cleaned
/// name still leaves the root ("../x", "a/../../x"), naming the entry.
util::Result<std::string> CleanEntryPath(std::string_view name);

/// What a cleaned path's final component says about whiteouts.
enum class WhiteoutKind {
  kNone,    ///< an ordinary name
  kRemove,  ///< `.wh.NAME`: NAME is deleted (target = dir/NAME)
  kOpaque,  ///< `.wh..wh..opq`: the directory is opaque (target = dir, "." for the root)
  kMeta,    ///< another `.wh..wh.` name, or a path below one (AUFS bookkeeping such as
            ///< `.wh..wh.plnk/`): ignored
};

struct Whiteout {
  WhiteoutKind kind = WhiteoutKind::kNone;
  std::string target;  ///< root-relative path the marker acts on
};

/// Classifies a cleaned path. Errors: kInvalidArgument for a marker naming nothing or
/// something outside its directory (`.wh.`, `.wh..`, `.wh...`).
util::Result<Whiteout> ClassifyWhiteout(const std::string& clean_path);

}  // namespace manifold::snapshot::internal
