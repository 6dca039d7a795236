// `manifold create`: buildx create's flags; makes, extends (--append) or shrinks (--leave) an instance.
#include <algorithm>
#include <random>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/command.hpp"
#include "cli/instance_view.hpp"
#include "image/platform_parse.hpp"

namespace manifold::cli {
namespace {

using util::ErrorKind;

// buildx's drivers: each is recorded as given, and every one runs the embedded worker.
constexpr std::string_view kDrivers[] = {"local", "docker-container", "docker", "kubernetes", "remote"};

struct CreateFlags {
  std::string endpoint, name, node, driver = "local", buildkitd_flags, config;
  std::vector<std::string> platforms, driver_opts;
  bool append = false, leave = false, use = false, bootstrap = false, driver_given = false;
};

util::Error Usage(std::string message) { return util::Error(ErrorKind::kInvalidArgument, std::move(message)); }

// "builder-" and 8 hex digits, as buildx names an unnamed instance.
std::string GeneratedName(const builder::InstanceStore& store) {
  std::random_device random;
  for (;;) {
    std::string name = fmt::format("builder-{:08x}", random());
    if (!store.Get(name)) return name;
  }
}

// --platform values: comma lists, repeatable; normalized (linux/aarch64 -> linux/arm64), deduplicated.
util::Result<std::vector<image::Platform>> ParsePlatforms(const std::vector<std::string>& values) {
  const image::Platform host = image::HostPlatform();
  std::vector<image::Platform> out;
  for (const auto& value : values) {
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = std::min(value.find(',', start), value.size());
      std::string_view part = std::string_view(value).substr(start, comma - start);
      start = comma + 1;
      if (part.empty()) continue;
      auto parsed = image::ParsePlatform(part, host);
      if (!parsed) return std::unexpected(std::move(parsed.error()).Context("--platform"));
      auto p = image::Normalize(std::move(*parsed), host);
      if (!image::IsKnownPlatform(p)) {
        return std::unexpected(Usage(fmt::format(
            "--platform {:?}: unknown operating system or architecture (e.g. linux/amd64, linux/arm64, linux/arm/v7)", part)));
      }
      if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(std::move(p));
    }
  }
  return out;
}

// Flags buildx has that mean nothing here: accepted so scripts run, with a note saying so.
util::Status CheckDriver(const CreateFlags& f) {
  if (std::find(std::begin(kDrivers), std::end(kDrivers), f.driver) == std::end(kDrivers)) {
    return std::unexpected(Usage(fmt::format("--driver {:?} is not supported: use {}", f.driver, fmt::join(kDrivers, ", "))));
  }
  if (f.driver != "local") {
    fmt::print(stderr, "note: driver {} is recorded; manifold runs its embedded worker for every driver\n", f.driver);
  }
  if (!f.driver_opts.empty()) fmt::print(stderr, "note: --driver-opt is accepted for buildx compatibility and ignored\n");
  if (!f.buildkitd_flags.empty()) fmt::print(stderr, "note: --buildkitd-flags is accepted for buildx compatibility and ignored\n");
  if (!f.config.empty()) fmt::print(stderr, "note: --config is accepted for buildx compatibility and ignored\n");
  return {};
}

util::Status Leave(builder::InstanceStore& store, const CreateFlags& f) {
  if (f.name.empty() || f.node.empty()) return std::unexpected(Usage("--leave needs --name BUILDER and --node NODE"));
  if (f.append) return std::unexpected(Usage("--leave and --append cannot be combined"));
  auto instance = MANIFOLD_TRY(store.Get(f.name));
  auto it = std::find_if(instance.nodes.begin(), instance.nodes.end(), [&f](const auto& n) { return n.name == f.node; });
  if (it == instance.nodes.end()) {
    return util::Fail(ErrorKind::kNotFound, "builder {} has no node {} (`manifold inspect {}` lists them)", f.name, f.node,
                      f.name);
  }
  if (instance.nodes.size() == 1) {
    return util::Fail(ErrorKind::kConflict, "{} is the last node of builder {}; remove the builder with `manifold rm {}`",
                      f.node, f.name, f.name);
  }
  instance.nodes.erase(it);
  return store.Put(instance);
}

util::Result<builder::Instance> Append(builder::InstanceStore& store, const CreateFlags& f, builder::Node node) {
  if (f.name.empty()) return std::unexpected(Usage("--append needs --name BUILDER"));
  auto found = store.Get(f.name);
  if (!found) {
    if (found.error().kind() == ErrorKind::kNotFound) {
      return util::Fail(ErrorKind::kNotFound, "--append: builder {:?} does not exist; create it without --append", f.name);
    }
    return std::unexpected(std::move(found.error()));
  }
  builder::Instance instance = std::move(*found);
  if (f.driver_given && f.driver != instance.driver) {
    return util::Fail(ErrorKind::kConflict, "builder {} uses driver {}, not {}", f.name, instance.driver, f.driver);
  }
  auto taken = [&instance](std::string_view name) {
    return std::any_of(instance.nodes.begin(), instance.nodes.end(), [name](const auto& n) { return n.name == name; });
  };
  if (node.name.empty()) {
    for (size_t i = instance.nodes.size(); node.name.empty() || taken(node.name); ++i) node.name = f.name + std::to_string(i);
  } else if (taken(node.name)) {
    return util::Fail(ErrorKind::kConflict, "builder {} already has a node named {}; remove it first with `manifold create --leave --name {} --node {}`",
                      f.name, node.name, f.name, node.name);
  }
  instance.nodes.push_back(std::move(node));
  return instance;
}

util::Result<builder::Instance> CreateNew(builder::InstanceStore& store, const CreateFlags& f, builder::Node node) {
  std::string name = f.name.empty() ? GeneratedName(store) : f.name;
  if (auto existing = store.Get(name); existing) {
    return util::Fail(ErrorKind::kConflict, "builder {} already exists; use --append to add a node", name);
  } else if (existing.error().kind() != ErrorKind::kNotFound) {
    return std::unexpected(std::move(existing.error()).Context("--name"));
  }
  if (node.name.empty()) node.name = name + "0";
  return builder::Instance{.name = name, .driver = f.driver, .nodes = {std::move(node)}};
}

// Asks the new instance's nodes, as buildx --bootstrap boots them; an unreachable one fails.
util::Status Bootstrap(const builder::Instance& instance) {
  bool all = true;
  for (const auto& s : builder::ProbeNodes(instance)) {
    if (s.reachable) {
      fmt::print(stderr, "node {}: running (manifold {}, {})\n", s.node.name, s.info.version, image::Format(s.info.native));
    } else {
      fmt::print(stderr, "node {}: unreachable: {}\n", s.node.name, s.error);
      all = false;
    }
  }
  if (!all) return util::Fail(ErrorKind::kUnavailable, "builder {} was created, but not every node is reachable", instance.name);
  return {};
}

int Create(const CreateFlags& f) {
  auto store = Instances();
  if (auto driver = CheckDriver(f); !driver) return ReportError(driver.error());
  if (f.name == builder::kDefaultInstance) {
    return ReportError(util::Error(ErrorKind::kConflict,
                                   "builder default is this machine's and cannot be created or changed; choose another --name"));
  }
  if (f.leave) {
    auto left = Leave(store, f);
    return left ? kExitOk : ReportError(left.error());
  }
  if (!f.endpoint.empty()) {
    if (auto ssh = builder::ParseSshEndpoint(f.endpoint); !ssh) return ReportError(ssh.error());
  }
  auto platforms = ParsePlatforms(f.platforms);
  if (!platforms) return ReportError(platforms.error());
  builder::Node node{.name = f.node, .endpoint = f.endpoint, .platforms = std::move(*platforms)};
  auto instance = f.append ? Append(store, f, std::move(node)) : CreateNew(store, f, std::move(node));
  if (!instance) return ReportError(instance.error());
  if (auto put = store.Put(*instance); !put) return ReportError(put.error());
  if (f.use) {
    if (auto used = store.SetCurrent(instance->name); !used) return ReportError(used.error());
  }
  if (f.bootstrap) {
    if (auto booted = Bootstrap(*instance); !booted) return ReportError(booted.error());
  }
  fmt::print("{}\n", instance->name);
  return kExitOk;
}

}  // namespace

void RegisterCreate(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<CreateFlags>();
  auto* cmd = app.add_subcommand("create", "Create a builder instance (this machine, or ssh:// nodes)");
  cmd->add_option("ENDPOINT", f->endpoint, "ssh://[user@]host[:port] of the node (none: this machine)");
  cmd->add_option("--name", f->name, "Builder instance name (default: generated)");
  cmd->add_option("--node", f->node, "Node name (default: the builder's name and an index)");
  cmd->add_option("--platform", f->platforms, "Platforms the node builds (os/arch[/variant], comma-separated, repeatable)");
  cmd->add_flag("--append", f->append, "Add a node to an existing builder");
  cmd->add_flag("--leave", f->leave, "Remove a node (--node) from a builder (--name)");
  cmd->add_flag("--use", f->use, "Make the builder the current one");
  cmd->add_flag("--bootstrap", f->bootstrap, "Reach every node now and show its status");
  auto* driver = cmd->add_option("--driver", f->driver, "local (default); docker-container, docker, kubernetes and remote are recorded");
  cmd->add_option("--driver-opt", f->driver_opts, "Accepted for buildx compatibility; ignored");
  cmd->add_option("--buildkitd-flags", f->buildkitd_flags, "Accepted for buildx compatibility; ignored");
  cmd->add_option("--config", f->config, "Accepted for buildx compatibility; ignored");
  // One value per occurrence, as docker's flags: `--platform linux/arm64 ssh://host` leaves the
  // endpoint to the positional argument.
  for (CLI::Option* option : cmd->get_options()) {
    if (option->get_expected_max() > 1) option->allow_extra_args(false);
  }
  cmd->callback([f, driver, exit_code] {
    f->driver_given = driver->count() > 0;
    *exit_code = Create(*f);
  });
}

}  // namespace manifold::cli
