// AST dump in the exact format of BuildKit's Node.Dump.
#include "frontend/dockerfile/dump.hpp"

#include "frontend/dockerfile/go_quote.hpp"

namespace manifold::frontend::dockerfile {

std::string DumpInstruction(const Instruction& instruction) {
  std::string out = instruction.keyword;
  if (!instruction.flags.empty()) {
    out += ' ';
    out += GoQuoteList(instruction.flags);
  }
  for (const std::string& arg : instruction.args) {
    out += ' ';
    out += GoQuote(arg);
  }
  if (instruction.trigger) {
    out += " (";
    out += DumpInstruction(*instruction.trigger);
    out += ')';
  }
  return out;
}

std::string Dump(const Dockerfile& dockerfile) {
  std::string out;
  for (const Instruction& instruction : dockerfile.instructions) {
    if (!out.empty()) out += '\n';
    out += '(';
    out += DumpInstruction(instruction);
    out += ')';
  }
  return out;
}

}  // namespace manifold::frontend::dockerfile
