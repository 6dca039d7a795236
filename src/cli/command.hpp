// The shape of one cli command: it registers its flags on a CLI11 app and runs when chosen.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <vector>

namespace manifold::cli {

/// Exit codes: 0 success, 1 a failure reported as an error, 2 bad usage (buildx does the same).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

/// Adds one command's subcommand to `app`; the callback it stores sets `*exit_code`.
using CommandRegistrar = std::function<void(CLI::App& app, int* exit_code)>;

void RegisterVersion(CLI::App& app, int* exit_code);
void RegisterDebug(CLI::App& app, int* exit_code);
void RegisterBuild(CLI::App& app, int* exit_code);
void RegisterImagetools(CLI::App& app, int* exit_code);
void RegisterLogin(CLI::App& app, int* exit_code);
void RegisterBinfmt(CLI::App& app, int* exit_code);
void RegisterRun(CLI::App& app, int* exit_code);
void RegisterImages(CLI::App& app, int* exit_code);
void RegisterInspect(CLI::App& app, int* exit_code);
void RegisterDu(CLI::App& app, int* exit_code);
void RegisterPrune(CLI::App& app, int* exit_code);
void RegisterCreate(CLI::App& app, int* exit_code);
void RegisterUse(CLI::App& app, int* exit_code);
void RegisterLs(CLI::App& app, int* exit_code);
void RegisterRm(CLI::App& app, int* exit_code);
void RegisterNode(CLI::App& app, int* exit_code);
void RegisterInstall(CLI::App& app, int* exit_code);
void RegisterBake(CLI::App& app, int* exit_code);

}  // namespace manifold::cli
