// Go's strconv.Quote and fmt's %q of a []string, byte for byte: the quoting of the AST dump.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace manifold::frontend::dockerfile {

/// `text` as Go's strconv.Quote writes it: double quotes around; `"` and `\` escaped;
/// \a \b \f \n \r \t \v; \xHH for other ASCII controls, DEL and each invalid UTF-8 byte;
/// \uHHHH / \UHHHHHHHH for other non-printable code points; printable code points as they are.
std::string GoQuote(std::string_view text);

/// fmt.Sprintf("%q", list) for a []string: `["a" "b"]`, `[]` when empty.
std::string GoQuoteList(const std::vector<std::string>& list);

}  // namespace manifold::frontend::dockerfile
