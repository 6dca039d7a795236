// `manifold prune [-a] [--filter until=24h] [--keep-storage 10GB] [-f] [--verbose]`: frees
// build cache, as `docker buildx prune`.
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "cache/gc_lock.hpp"
#include "cache/meta_store.hpp"
#include "cache/prune.hpp"
#include "cli/cache_roots.hpp"
#include "cli/command.hpp"
#include "cli/root.hpp"
#include "cli/rootless.hpp"
#include "cli/units.hpp"
#include "content/store.hpp"
#include "executor/container.hpp"
#include "worker/leftovers.hpp"

namespace manifold::cli {
namespace {

struct PruneFlags {
  bool all = false, force = false, verbose = false;
  std::vector<std::string> filters;
  std::string keep_storage;
};

util::Result<cache::PruneOptions> OptionsFrom(const PruneFlags& flags) {
  cache::PruneOptions options;
  options.all = flags.all;
  for (const auto& filter : flags.filters) {
    auto eq = filter.find('=');
    std::string key = filter.substr(0, eq);
    if (eq == std::string::npos || (key != "until" && key != "unused-for")) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "--filter {:?}: supported is until=DURATION (e.g. until=24h)",
                        filter);
    }
    options.until = MANIFOLD_TRY(ParseDuration(filter.substr(eq + 1), "--filter " + key));
  }
  if (!flags.keep_storage.empty()) options.keep_storage = MANIFOLD_TRY(ParseSize(flags.keep_storage, "--keep-storage"));
  return options;
}

// buildx asks before pruning unless -f; no answer (no terminal, EOF) is a no.
bool Confirmed(bool all) {
  fmt::print(stderr, "WARNING! This will remove all {}build cache. Are you sure you want to continue? [y/N] ",
             all ? "" : "dangling ");
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes";
}

util::Status Prune(const PruneFlags& flags) {
  auto options = MANIFOLD_TRY(OptionsFrom(flags));
  if (!flags.force && !Confirmed(flags.all)) {
    return util::Fail(util::ErrorKind::kCancelled, "nothing removed (give -f to prune without asking)");
  }
  auto gc_lock = cache::GcLock::TryForPrune(RootDir());
  if (!gc_lock) {
    fmt::print(stderr, "waiting for running builds to finish…\n");
    gc_lock = cache::GcLock::ForPrune(RootDir());
  }
  if (!gc_lock) return std::unexpected(std::move(gc_lock.error()));
  auto store = MANIFOLD_TRY(content::Store::Open(RootDir()));
  auto meta = MANIFOLD_TRY(cache::MetaStore::Open(RootDir()));
  options.image_roots = MANIFOLD_TRY(StoredImageRoots(RootDir()));
  options.before_removing_scratch = [](const std::filesystem::path& dead) {
    executor::RemoveLeftoverContainers(dead / worker::kExecStateDir);
  };
  auto report = MANIFOLD_TRY(cache::Prune(*meta, store, options));
  if (flags.verbose) {
    for (const auto& r : report.removed) fmt::print("{}\t{}\t{}\n", r.key.substr(7, 25), HumanSize(r.size), r.description);
  }
  fmt::print("Removed:\t{} records\n", report.removed.size());
  fmt::print("Total:\t\t{} ({} bytes)\n", HumanSize(report.reclaimed), report.reclaimed);
  return {};
}

}  // namespace

void RegisterPrune(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("prune", "Remove build cache");
  auto flags = std::make_shared<PruneFlags>();
  cmd->add_flag("-a,--all", flags->all, "Remove all cache, not only what nothing uses");
  cmd->add_option("--filter", flags->filters, "Remove only records matching (until=24h: unused for 24 hours)");
  cmd->add_option("--keep-storage", flags->keep_storage, "Keep at most this much cache (e.g. 10GB)");
  cmd->add_flag("-f,--force", flags->force, "Do not prompt for confirmation");
  cmd->add_flag("--verbose", flags->verbose, "List the records removed");
  cmd->callback([exit_code, flags] {
    if (!ContinueAsRoot(exit_code)) return;
    if (auto done = Prune(*flags); !done) {
      fmt::print(stderr, "error: {}\n", done.error().Describe());
      *exit_code = done.error().kind() == util::ErrorKind::kInvalidArgument ? kExitUsage : kExitFailure;
      return;
    }
    *exit_code = kExitOk;
  });
}

}  // namespace manifold::cli
