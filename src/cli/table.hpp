// Text tables as buildx prints them (Go's tabwriter with three spaces of padding).
#pragma once

#include <string>
#include <vector>

namespace manifold::cli {

/// `rows` as lines of left-aligned columns, each column as wide as its widest cell plus three
/// spaces, trailing blanks removed; every line ends in '\n'.
std::string FormatTable(const std::vector<std::vector<std::string>>& rows);

}  // namespace manifold::cli
