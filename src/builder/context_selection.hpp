// builder::ContextSelection: which parts of the build context a build's steps read.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/dockerfile/lower.hpp"

namespace manifold::builder {

/// The subtrees of the build context that the steps of some platforms read (COPY/ADD
/// sources and bind mounts of the context), as BuildKit's file sync sends a builder only the
/// paths its steps ask for: a remote node gets those, and a file no step reads (a log being
/// written beside the build) neither travels nor fails the transfer when it changes.
struct ContextSelection {
  bool reads = false;                 ///< does any step read the context at all?
  std::vector<std::string> subtrees;  ///< clean relative paths; "" = the whole context

  /// Whether `relative_path` ('/'-separated) is inside a selected subtree, or a directory on
  /// the way to one (whose entry the node needs to hold it).
  bool Selects(std::string_view relative_path) const;
};

/// Walks the vertices of `platforms` (iteratively: graphs can be deep) and collects what they
/// read of the local source `identifier` ("context", or a named context's "context:KEY") in
/// `context_dir` (worker::SelectedSubtree: wildcards and symlinks widen the selection, never
/// narrow it).
ContextSelection SelectContext(const std::vector<frontend::dockerfile::PlatformBuild>& platforms,
                               const std::filesystem::path& context_dir, std::string_view identifier = "context");

}  // namespace manifold::builder
