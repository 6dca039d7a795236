// libFuzzer target: the shell-word expander (ShellLexer::ProcessWord / ProcessWords).
//
// Input: one options byte, then NUL-separated parts; the last part is the word, the others are
// `NAME=value` environment entries (ShellEnv::FromList). Options byte: bit 0 escape '`' (else
// '\\'), bit 1 raw_quotes, bit 2 raw_escapes, bit 3 skip_process_quotes, bit 4 skip_unset_env.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/dockerfile/shell_lexer.hpp"

namespace dockerfile = manifold::frontend::dockerfile;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<std::string> env_list;
  for (size_t nul = rest.find('\0'); nul != std::string_view::npos; nul = rest.find('\0')) {
    env_list.emplace_back(rest.substr(0, nul));
    rest.remove_prefix(nul + 1);
  }
  const std::string_view word = rest;

  dockerfile::ShellLexerOptions options;
  options.escape = (flags & 1) ? '`' : '\\';
  options.raw_quotes = (flags & 2) != 0;
  options.raw_escapes = (flags & 4) != 0;
  options.skip_process_quotes = (flags & 8) != 0;
  options.skip_unset_env = (flags & 16) != 0;
  const dockerfile::ShellLexer lexer(options);
  const auto env = dockerfile::ShellEnv::FromList(env_list);

  auto one = lexer.ProcessWord(word, env);
  auto many = lexer.ProcessWords(word, env);
  // One word is processed once: both entry points agree on whether it is valid.
  if (one.has_value() != many.has_value()) {
    std::fprintf(stderr, "ProcessWord %s but ProcessWords %s\n", one ? "succeeded" : "failed",
                 many ? "succeeded" : "failed");
    std::abort();
  }
  if (!one) (void)one.error().Describe();
  return 0;
}
