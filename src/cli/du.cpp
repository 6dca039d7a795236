// `manifold du [--verbose]`: what the build cache holds on disk, as `docker buildx du`.
#include <fmt/format.h>

#include "cache/meta_store.hpp"
#include "cache/prune.hpp"
#include "cli/cache_roots.hpp"
#include "cli/command.hpp"
#include "cli/root.hpp"
#include "cli/rootless.hpp"
#include "cli/units.hpp"
#include "content/store.hpp"

namespace manifold::cli {
namespace {

util::Status Du(bool verbose) {
  auto store = MANIFOLD_TRY(content::Store::Open(RootDir()));
  auto meta = MANIFOLD_TRY(cache::MetaStore::Open(RootDir()));
  auto usage = MANIFOLD_TRY(cache::Usage(*meta, store, MANIFOLD_TRY(StoredImageRoots(RootDir()))));
  if (verbose) {
    for (const auto& r : usage.records) {
      fmt::print("ID:\t\t{}\nDescription:\t{}\nSize:\t\t{}\nCreated at:\t{}\nLast used:\t{}\nReclaimable:\ttrue\n\n",
                 r.key.substr(7), r.description, HumanSize(r.size), HumanAge(r.created), HumanAge(r.last_used));
    }
  } else if (!usage.records.empty()) {
    fmt::print("{:<28}{:<14}{:<12}{}\n", "ID", "RECLAIMABLE", "SIZE", "LAST ACCESSED");
    for (const auto& r : usage.records) {
      fmt::print("{:<28}{:<14}{:<12}{}\n", r.key.substr(7, 25), "true", HumanSize(r.size), HumanAge(r.last_used));
    }
  }
  fmt::print("Records:\t{}\n", usage.records.size());
  fmt::print("Layers:\t\t{}\n", HumanSize(usage.layers));
  fmt::print("Blobs:\t\t{}\n", HumanSize(usage.blobs));
  if (usage.leftovers > 0) fmt::print("Leftovers:\t{} (of interrupted builds; `manifold prune` removes them)\n", HumanSize(usage.leftovers));
  if (usage.downloading > 0) fmt::print("Downloading:\t{} (partial blobs of pulls under way)\n", HumanSize(usage.downloading));
  fmt::print("Reclaimable:\t{}\n", HumanSize(usage.total()));
  fmt::print("Total:\t\t{} ({} bytes)\n", HumanSize(usage.total()), usage.total());
  return {};
}

}  // namespace

void RegisterDu(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("du", "Disk usage of the build cache");
  auto verbose = std::make_shared<bool>(false);
  cmd->add_flag("--verbose", *verbose, "Show every record in detail");
  cmd->callback([exit_code, verbose] {
    if (!ContinueAsRoot(exit_code)) return;
    if (auto done = Du(*verbose); !done) {
      fmt::print(stderr, "error: {}\n", done.error().Describe());
      *exit_code = kExitFailure;
      return;
    }
    *exit_code = kExitOk;
  });
}

}  // namespace manifold::cli
