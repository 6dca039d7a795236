// Keyword dispatch for one logical line, after BuildKit's splitCommand and dispatch table.
#include "frontend/dockerfile/instruction_parser.hpp"

#include <memory>

#include "frontend/dockerfile/flags.hpp"
#include "frontend/dockerfile/line_parsers.hpp"
#include "frontend/dockerfile/text.hpp"

namespace manifold::frontend::dockerfile {
namespace {

util::Result<ParsedArgs> Dispatch(const std::string& keyword, std::string_view text, char escape) {
  if (keyword == "run" || keyword == "cmd" || keyword == "entrypoint" || keyword == "shell") {
    return ParseMaybeJson(text);
  }
  if (keyword == "add" || keyword == "copy" || keyword == "volume") {
    return ParseMaybeJsonToList(text);
  }
  if (keyword == "from" || keyword == "expose") return ParseWhitespaceDelimited(text);
  if (keyword == "env") return ParseNameValue(text, "ENV", escape);
  if (keyword == "label") return ParseNameValue(text, "LABEL", escape);
  if (keyword == "arg") return ParseNameOrNameValue(text, escape);
  if (keyword == "healthcheck") return ParseHealthcheck(text);
  if (keyword == "maintainer" || keyword == "user" || keyword == "workdir" ||
      keyword == "stopsignal") {
    ParsedArgs out;
    if (!text.empty()) out.args.emplace_back(text);
    return out;
  }
  // An unknown keyword keeps one empty argument (BuildKit's parseIgnore); the semantic layer
  // reports it with the line.
  return ParsedArgs{{""}, false};
}

}  // namespace

util::Result<Instruction> ParseInstructionLine(std::string_view line, char escape) {
  Instruction inst;
  inst.original = line;
  const std::string_view trimmed = TrimSpace(line);
  std::size_t key_end = 0;
  while (key_end < trimmed.size() && !IsBlank(trimmed[key_end])) ++key_end;
  inst.keyword = AsciiLower(trimmed.substr(0, key_end));
  std::size_t rest_start = key_end;
  while (rest_start < trimmed.size() && IsBlank(trimmed[rest_start])) ++rest_start;
  std::string_view rest;
  if (rest_start > key_end) {
    auto extracted = ExtractFlags(trimmed.substr(rest_start));
    if (!extracted) return std::unexpected(std::move(extracted.error()));
    inst.flags = std::move(extracted->flags);
    rest = extracted->rest;
  }
  rest = TrimSpace(rest);
  inst.raw_args = rest;

  if (inst.keyword == "onbuild") {
    if (rest.empty()) return inst;
    // Refused before recursing, so that a line of a million ONBUILDs cannot exhaust the stack.
    std::size_t inner_end = 0;
    while (inner_end < rest.size() && !IsBlank(rest[inner_end])) ++inner_end;
    if (AsciiLower(rest.substr(0, inner_end)) == "onbuild") {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    }
    auto trigger = ParseInstructionLine(rest, escape);
    if (!trigger) return std::unexpected(std::move(trigger.error()));
    if (trigger->keyword == "from" || trigger->keyword == "maintainer") {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "{} isn't allowed as an ONBUILD trigger", AsciiUpper(trigger->keyword));
    }
    inst.trigger = std::make_shared<const Instruction>(std::move(*trigger));
    return inst;
  }

  auto parsed = Dispatch(inst.keyword, rest, escape);
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  inst.args = std::move(parsed->args);
  inst.json_form = parsed->json_form;
  return inst;
}

bool CanContainHeredoc(const Instruction& instruction) {
  const Instruction* inst = &instruction;
  if (inst->keyword == "onbuild" && inst->trigger) inst = inst->trigger.get();
  if (inst->keyword != "run" && inst->keyword != "copy" && inst->keyword != "add") return false;
  return !inst->json_form;
}

}  // namespace manifold::frontend::dockerfile
