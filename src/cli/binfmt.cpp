// `manifold binfmt install|uninstall|ls`: QEMU handlers in binfmt_misc (tonistiigi/binfmt's job).
#include <fmt/format.h>

#include "cli/command.hpp"
#include "executor/binfmt.hpp"
#include "image/platform_parse.hpp"

namespace manifold::cli {
namespace {

std::vector<std::string> SplitList(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const auto& a : args) {
    size_t start = 0;
    for (size_t comma; (comma = a.find(',', start)) != std::string::npos; start = comma + 1) {
      if (comma > start) out.push_back(a.substr(start, comma - start));
    }
    if (start < a.size()) out.push_back(a.substr(start));
  }
  return out;
}

int Report(const util::Status& status) {
  if (status) return kExitOk;
  fmt::print(stderr, "error: {}\n", status.error().Describe());
  return status.error().kind() == util::ErrorKind::kInvalidArgument ? kExitUsage : kExitFailure;
}

int List() {
  auto handlers = executor::ListHandlers();
  if (!handlers) return Report(std::unexpected(handlers.error()));
  fmt::print("{:<16} {:<14} {:<12} {}\n", "PLATFORM", "HANDLER", "STATE", "INTERPRETER");
  fmt::print("{:<16} {:<14} {:<12} {}\n", image::Format(image::HostPlatform()), "-", "native", "-");
  for (const auto& h : *handlers) {
    fmt::print("{:<16} {:<14} {:<12} {}\n", image::Format(h.platform), h.name, h.registered ? "emulated" : "not installed",
               h.interpreter);
  }
  return kExitOk;
}

}  // namespace

void RegisterBinfmt(CLI::App& app, int* exit_code) {
  auto* binfmt = app.add_subcommand("binfmt", "Register QEMU emulators for foreign platforms (binfmt_misc)");
  binfmt->require_subcommand(1);
  auto install_args = std::make_shared<std::vector<std::string>>();
  auto* install = binfmt->add_subcommand("install", "Register handlers: all, or architectures (arm64,arm,riscv64,...)");
  install->add_option("ARCH", *install_args, "Architectures, or all")->required();
  install->callback([install_args, exit_code] { *exit_code = Report(executor::InstallHandlers(SplitList(*install_args))); });
  auto uninstall_args = std::make_shared<std::vector<std::string>>();
  auto* uninstall = binfmt->add_subcommand("uninstall", "Remove handlers: all, or architectures");
  uninstall->add_option("ARCH", *uninstall_args, "Architectures, or all")->required();
  uninstall->callback(
      [uninstall_args, exit_code] { *exit_code = Report(executor::UninstallHandlers(SplitList(*uninstall_args))); });
  auto* ls = binfmt->add_subcommand("ls", "Native and emulated platforms, each handler's state");
  ls->callback([exit_code] { *exit_code = List(); });
}

}  // namespace manifold::cli
