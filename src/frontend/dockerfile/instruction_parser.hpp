// Turns one logical line into an Instruction: keyword, flags, arguments, ONBUILD trigger.
#pragma once

#include <string_view>

#include "frontend/dockerfile/ast.hpp"
#include "util/error.hpp"

namespace manifold::frontend::dockerfile {

/// Parses `line` (continuations already joined) with escape character `escape`. Sets keyword,
/// flags, args, json_form, raw_args, original and trigger; not lines or heredocs. Errors
/// (kInvalidArgument, without location) for ENV/LABEL syntax, a JSON array of non-strings,
/// an unterminated quote in a flag, and ONBUILD ONBUILD / ONBUILD FROM / ONBUILD MAINTAINER.
util::Result<Instruction> ParseInstructionLine(std::string_view line, char escape);

/// Whether heredocs are looked for in this instruction: shell-form RUN, COPY and ADD, also as
/// an ONBUILD trigger.
bool CanContainHeredoc(const Instruction& instruction);

}  // namespace manifold::frontend::dockerfile
