// The Dockerfile syntax tree: instructions with their flags, arguments, heredocs and lines.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "frontend/dockerfile/check_options.hpp"

namespace manifold::frontend::dockerfile {

/// One here-document attached to a RUN/COPY/ADD line (`<<EOF`, `<<-EOF`, `3<<'EOF'`, ...).
struct Heredoc {
  std::string name;     ///< The terminator word with its quotes removed.
  int fd = 0;           ///< The file descriptor written before `<<`, 0 when none.
  bool expand = true;   ///< False when any part of the word was quoted: no variable expansion.
  bool chomp = false;   ///< True for `<<-`: leading tabs are stripped when the body is used.
  std::string content;  ///< The body as read, every line with its newline, tabs not stripped.
};

/// A non-fatal finding of the parser, e.g. an empty line inside a continuation.
struct Warning {
  int line = 0;  ///< 1-based physical line the warning is about.
  std::string message;
};

/// One instruction (a logical line). ENV and LABEL keep their arguments as triples
/// key, value, separator ("=" in the `k=v` form, "" in the old `KEY value` form).
struct Instruction {
  std::string keyword;             ///< Lower-cased as written ("run", "from", or unknown "foo").
  std::vector<std::string> flags;  ///< Leading `--x=y` words, quotes removed, `--` dropped.
  std::vector<std::string> args;   ///< Arguments per the instruction's rules (see parser.hpp).
  bool json_form = false;          ///< The arguments came from a JSON array (exec form).
  /// The argument text after keyword and flags, trimmed: the shell form of RUN/CMD/... as
  /// written, before any splitting.
  std::string raw_args;
  /// Here-documents in the order they appear. For ONBUILD they are here (as in BuildKit) and
  /// also on the trigger.
  std::vector<Heredoc> heredocs;
  /// ONBUILD's nested instruction (null otherwise, and for an ONBUILD with nothing after it);
  /// it has the ONBUILD's lines and heredocs, its `original` is the text after ONBUILD.
  std::shared_ptr<const Instruction> trigger;
  std::string original;  ///< The logical line: continuations joined, heredoc bodies excluded.
  int start_line = 0;    ///< 1-based first physical line.
  int end_line = 0;      ///< 1-based last physical line, heredoc bodies included.
};

/// A parsed Dockerfile. Parser directives found at the top are kept as written.
struct Dockerfile {
  char escape_token = '\\';  ///< `\` or `` ` `` (the `# escape=` directive).
  std::string syntax;        ///< `# syntax=` value, empty when absent.
  std::string check;         ///< `# check=` value, empty when absent.
  CheckOptions checks;       ///< `check` parsed (the defaults when absent).
  std::vector<Instruction> instructions;
  std::vector<Warning> warnings;
};

}  // namespace manifold::frontend::dockerfile
