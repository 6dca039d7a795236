// The BuildKit AST dump (`(run "echo" "hi")`), used by conformance tests and `manifold debug parse`.
#pragma once

#include <string>

#include "frontend/dockerfile/ast.hpp"

namespace manifold::frontend::dockerfile {

/// One instruction without the surrounding parentheses: keyword, then `%q` of the flags when
/// there are any, then each argument Go-quoted, then an ONBUILD trigger as `(...)`; single spaces.
std::string DumpInstruction(const Instruction& instruction);

/// One `(` + DumpInstruction + `)` per instruction, joined by '\n', no trailing newline.
std::string Dump(const Dockerfile& dockerfile);

}  // namespace manifold::frontend::dockerfile
