// TabFormat: Go's text/tabwriter as buildx configures it for its `--list` tables.
#pragma once

#include <string>
#include <string_view>

namespace manifold::bake::internal {

/// Aligns tab-separated cells as tabwriter.NewWriter(w, 1, 8, 1, '\t', 0) does on Flush: the
/// text after a line's last tab is not aligned; consecutive lines that have a cell in a column
/// form a block whose width is its widest cell (in code points) plus one, rounded up to a
/// multiple of 8, and cells are padded with tabs to it. `text` is what was written, usually
/// ending in a newline.
std::string TabFormat(std::string_view text);

}  // namespace manifold::bake::internal
