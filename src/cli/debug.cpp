// `manifold debug ...`: developer views into manifold's internals.
#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "builder/context.hpp"
#include "cli/command.hpp"
#include "frontend/dockerfile/dump.hpp"
#include "frontend/dockerfile/parser.hpp"

namespace manifold::cli {
namespace {

// `debug parse FILE`: the Dockerfile's AST in BuildKit's dump format, warnings on stderr.
void RunParse(const std::string& file, int* exit_code) {
  const std::string name = file == "-" ? "<stdin>" : file;
  auto bytes = builder::ReadDockerfileArgument(file);
  if (!bytes) {
    fmt::print(stderr, "error: {}\n", bytes.error().Describe());
    *exit_code = kExitFailure;
    return;
  }
  auto parsed = frontend::dockerfile::Parse(*bytes, name);
  if (!parsed) {
    fmt::print(stderr, "error: {}\n", parsed.error().Describe());
    *exit_code = kExitFailure;
    return;
  }
  for (const auto& warning : parsed->warnings) {
    fmt::print(stderr, "{}:{}: warning: {}\n", name, warning.line, warning.message);
  }
  fmt::print("{}\n", frontend::dockerfile::Dump(*parsed));
  *exit_code = kExitOk;
}

}  // namespace

void RegisterDebug(CLI::App& app, int* exit_code) {
  auto* debug = app.add_subcommand("debug", "Inspect manifold's internals");
  debug->require_subcommand(1);

  auto* parse = debug->add_subcommand("parse", "Print a Dockerfile's syntax tree (BuildKit dump)");
  auto file = std::make_shared<std::string>();
  parse->add_option("FILE", *file, "Dockerfile to parse, - for standard input")->required();
  parse->callback([file, exit_code] { RunParse(*file, exit_code); });
}

}  // namespace manifold::cli
