// Parser directives (`# syntax=`, `# escape=`, `# check=`) at the top of a Dockerfile.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::frontend::dockerfile {

/// One directive: lower-cased name and its value with surrounding blanks removed.
struct Directive {
  std::string name;
  std::string value;
};

/// Watches the first lines of a file for directives. Directives are recognised only until the
/// first line that is not one (an instruction, a blank line, or any other comment).
class DirectiveScanner {
 public:
  /// Looks at one line (newline and leading blanks already removed). Returns the directive it
  /// holds, nullopt when it is none (and from then on every line is none), or an error
  /// (kInvalidArgument, no location) for a repeated directive, an unknown directive name, or an
  /// escape value other than `\` or `` ` ``.
  util::Result<std::optional<Directive>> Scan(std::string_view line);

  /// True once a line that is not a directive was seen.
  bool done() const { return done_; }

 private:
  bool done_ = false;
  std::set<std::string, std::less<>> seen_;
};

}  // namespace manifold::frontend::dockerfile
