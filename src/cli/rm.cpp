// `manifold rm [NAME...]`: removes builder instances, as buildx rm; the default one stays.
#include <algorithm>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/instance_view.hpp"

namespace manifold::cli {
namespace {

struct RmFlags {
  std::vector<std::string> names;
  std::string builder;
  bool all_inactive = false;
};

// rm has no flag values to get wrong: every error is a failure (exit 1), a bad name included.
int Failure(const util::Error& error) {
  ReportError(error);
  return kExitFailure;
}

// Nothing here holds state or a daemon per instance, so removing one is removing its file.
int Remove(builder::InstanceStore& store, const std::vector<std::string>& names) {
  for (const auto& name : names) {
    if (name == builder::kDefaultInstance) {
      return Failure(util::Error(util::ErrorKind::kConflict, "builder default is this machine's and cannot be removed"));
    }
  }
  // Every name is checked before anything is removed, so a typo removes nothing.
  for (const auto& name : names) {
    // A corrupt file (kInternal) is still removable: that is what its error suggests.
    auto found = store.Get(name);
    if (!found && found.error().kind() != util::ErrorKind::kInternal) return Failure(found.error());
  }
  for (const auto& name : names) {
    if (auto removed = store.Remove(name); !removed) return Failure(removed.error());
    fmt::print(stderr, "{} removed\n", name);
  }
  return kExitOk;
}

int Rm(const RmFlags& f) {
  auto store = Instances();
  if (f.all_inactive) {
    if (!f.names.empty()) {
      return ReportError(util::Error(util::ErrorKind::kInvalidArgument, "--all-inactive removes every inactive builder; give no NAME"));
    }
    auto instances = store.List();
    if (!instances) return ReportError(instances.error());
    std::vector<std::string> inactive;
    for (const auto& instance : *instances) {
      if (instance.name == builder::kDefaultInstance) continue;
      auto status = builder::ProbeNodes(instance);
      if (std::none_of(status.begin(), status.end(), [](const auto& s) { return s.reachable; })) inactive.push_back(instance.name);
    }
    return Remove(store, inactive);
  }
  if (!f.names.empty()) return Remove(store, f.names);
  auto selected = store.Select(f.builder);
  if (!selected) return Failure(selected.error());
  return Remove(store, {selected->name});
}

}  // namespace

void RegisterRm(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<RmFlags>();
  auto* cmd = app.add_subcommand("rm", "Remove builder instances (default: the selected one)");
  cmd->add_option("NAME", f->names, "Builder instances to remove");
  cmd->add_option("--builder", f->builder, "The builder to remove when no NAME is given");
  cmd->add_flag("--all-inactive", f->all_inactive, "Remove every builder whose nodes are all unreachable");
  cmd->add_flag("-f,--force")->description("Accepted for buildx compatibility (nothing asks for confirmation)");
  cmd->add_flag("--keep-state")->description("Accepted for buildx compatibility (the build cache is shared, never removed here)");
  cmd->add_flag("--keep-daemon")->description("Accepted for buildx compatibility (there is no daemon)");
  cmd->callback([f, exit_code] { *exit_code = Rm(*f); });
}

}  // namespace manifold::cli
