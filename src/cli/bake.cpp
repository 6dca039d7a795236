// `manifold bake`: buildx bake's flags → definition files read, targets resolved → one BuildSet.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "bake/build_members.hpp"
#include "bake/definition_files.hpp"
#include "bake/entitlements.hpp"
#include "bake/list.hpp"
#include "bake/overrides.hpp"
#include "bake/print.hpp"
#include "bake/read_config.hpp"
#include "bake/remote_definition.hpp"
#include "bake/resolve.hpp"
#include "builder/build_env.hpp"
#include "builder/build_set.hpp"
#include "builder/dockerfile_call.hpp"
#include "builder/instance.hpp"
#include "builder/metadata.hpp"
#include "builder/multi_node_build.hpp"
#include "builder/platform_assignment.hpp"
#include "builder/remote_context.hpp"
#include "builder/source_date_epoch.hpp"
#include "cli/bake_summary.hpp"
#include "cli/build_call.hpp"
#include "cli/command.hpp"
#include "cli/interrupt.hpp"
#include "cli/invocation.hpp"
#include "cli/registry_access.hpp"
#include "cli/root.hpp"
#include "cli/rootless.hpp"
#include "image/platform_parse.hpp"
#include "progress/counting_sink.hpp"
#include "util/git_url.hpp"
#include "util/mount.hpp"

namespace manifold::cli {

namespace {

struct BakeFlags {
  std::vector<std::string> targets, files, set;
  std::string progress = "auto", metadata_file, list, call = "build", builder;
  bool print = false, load = false, push = false, no_cache = false, pull = false, check = false;
  std::vector<std::string> allow, provenance, sbom;
  CLI::Option* provenance_option = nullptr;
  CLI::Option* sbom_option = nullptr;
  CLI::Option* no_cache_option = nullptr;
  CLI::Option* pull_option = nullptr;
  bool progress_given = false;
};

// The definition as read: its files, and the directory Compose's .env and env_file are read
// from (the remote source's with `bake URL`).
struct Definition {
  std::vector<bake::DefinitionFile> files;
  std::filesystem::path working_dir = ".";
};

// `bake URL`: the remote source fetched (into `fetched`, which the targets' contexts then
// reuse), its files read — the -f names without `cwd://`, else the default names it has — and
// the `cwd://` names read locally, after them.
util::Result<Definition> ReadRemoteFiles(const std::vector<std::string>& names, std::string_view url,
                                         progress::Mode mode, builder::FetchedContext& fetched) {
  const bake::EnvLookup env = bake::ProcessEnv();
  const bake::DefinitionNames split = bake::SplitDefinitionNames(names);
  std::unique_ptr<progress::Sink> renderer = progress::MakeRenderer(mode, STDERR_FILENO);
  auto source = builder::FetchDefinitionSource(url, RootDir(), bake::GitAuthSecretFlags(url, env),
                                               {bake::GitSshFlag(env)}, *renderer, fetched);
  renderer->Close();
  if (!source) return std::unexpected(std::move(source.error()).Context("reading the bake definition"));
  Definition definition;
  if (source->file) {
    definition.files.push_back(bake::DefinitionFile{util::WithoutCredentials(url), std::move(*source->file)});
  } else {
    definition.working_dir = source->dir;
    std::vector<std::string> remote = split.remote;
    if (remote.empty()) {
      for (const auto& name : bake::DefaultFileNames()) {
        if (std::filesystem::exists(source->dir / name)) remote.push_back(name);
      }
    }
    if (!remote.empty()) definition.files = MANIFOLD_TRY(bake::ReadDefinitionFiles(remote, source->dir, nullptr));
  }
  if (!split.local.empty()) {
    for (auto& file : MANIFOLD_TRY(bake::ReadDefinitionFiles(split.local, ".", &std::cin))) {
      definition.files.push_back(std::move(file));
    }
  }
  if (definition.files.empty()) {
    return util::Fail(util::ErrorKind::kNotFound, "couldn't find a bake definition in {} (name one with -f)",
                      util::WithoutCredentials(url));
  }
  return definition;
}

util::Result<Definition> ReadFiles(const BakeFlags& flags, std::string_view url, progress::Mode mode,
                                   builder::FetchedContext& fetched) {
  std::vector<std::string> names = flags.files;
  if (names.empty()) names = MANIFOLD_TRY(bake::FileNamesFromEnv(bake::ProcessEnv(), "."));
  if (!url.empty()) return ReadRemoteFiles(names, url, mode, fetched);
  return Definition{MANIFOLD_TRY(bake::ReadDefinitionFiles(names, ".", &std::cin)), "."};
}

// `for_build`: --load is left out, the requests get `load` instead: manifold's --load fills its
// image store and the Docker Engine when one answers, where buildx's `*.load=true` (a
// type=docker output, which --print shows) needs an Engine.
util::Result<std::vector<std::string>> SetValues(const BakeFlags& flags, bool for_build) {
  bake::OverrideFlags shorthand;
  shorthand.load = flags.load && !for_build;
  shorthand.push = flags.push;
  if (flags.no_cache_option->count() > 0) shorthand.no_cache = flags.no_cache;
  if (flags.pull_option->count() > 0) shorthand.pull = flags.pull;
  // Bare --provenance / --sbom mean true, as buildx's optional-value flags.
  if (flags.provenance_option->count() > 0) shorthand.provenance = flags.provenance.empty() ? "true" : flags.provenance.back();
  if (flags.sbom_option->count() > 0) shorthand.sbom = flags.sbom.empty() ? "true" : flags.sbom.back();
  shorthand.call = flags.check ? "check" : flags.call;
  std::vector<std::string> values = flags.set;
  for (auto& value : MANIFOLD_TRY(bake::FlagOverrides(shorthand))) values.push_back(std::move(value));
  return values;
}

// What `build` does to a request between its flags and the build: a remote context fetched,
// the Dockerfile read for SOURCE_DATE_EPOCH's ARG default.
// Returns the Dockerfile as read (for a target whose `call` is not build).
util::Result<util::Result<builder::DockerfileForCall>> PrepareMember(builder::BuildSetMember& member,
                                                                     progress::Sink& progress,
                                                                     builder::FetchedContext& fetched) {
  MANIFOLD_CHECK(builder::ResolveBuildContext(member.request, progress, fetched));
  auto dockerfile = builder::ReadDockerfileForCall(member.request);
  static const frontend::dockerfile::Dockerfile kUnread;  // the build reports why it could not be read
  member.request.source_date_epoch = MANIFOLD_TRY(builder::SourceDateEpochOf(
      member.request.build_args, dockerfile ? dockerfile->parsed : kUnread, dockerfile ? dockerfile->name : ""));
  return dockerfile;
}

// Targets whose `call` (or --call/--check) is not build are checked or outlined, not built; the
// others stay, their links renumbered. Returns the calls' exit code (0 when there were none).
util::Result<int> RunCalls(std::vector<builder::BuildSetMember>& members, const std::vector<bake::Target>& targets,
                           const std::vector<util::Result<builder::DockerfileForCall>>& dockerfiles) {
  int exit_code = kExitOk;
  std::vector<builder::BuildSetMember> built;
  std::vector<std::optional<size_t>> renumbered(members.size());
  for (size_t i = 0; i < members.size(); ++i) {
    std::string call = targets[i].call.value_or("build");
    if (call == "lint") call = "check";  // buildx's name for --call=check in a bake file
    if (call == "build") {
      renumbered[i] = built.size();
      built.push_back(std::move(members[i]));
      continue;
    }
    auto spec = ParseCall(call);
    if (!spec) return std::unexpected(std::move(spec.error()).Context("target {:?}: call", targets[i].name));
    if (members.size() > 1) fmt::print("target {}:\n", targets[i].name);
    exit_code = std::max(exit_code, RunCall(*spec, members[i].request, dockerfiles[i]));
  }
  for (auto& member : built) {
    for (auto& [key, index] : member.links) {
      if (!renumbered[index]) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "target {:?}: context {} links to target {:?}, which is not built (its call is {})",
                          member.name, key, targets[index].name, targets[index].call.value_or("build"));
      }
      index = *renumbered[index];
    }
  }
  members = std::move(built);
  return exit_code;
}

// A builder instance with remote nodes builds each target on its own (no shared solve there yet).
util::Result<std::vector<builder::BuildResult>> BuildOn(const std::vector<builder::BuildSetMember>& members,
                                                       const builder::Instance& instance, progress::Sink& sink) {
  const bool local = std::all_of(instance.nodes.begin(), instance.nodes.end(),
                                 [](const builder::Node& n) { return n.local(); });
  if (local) {
    auto results = MANIFOLD_TRY(builder::BuildSet(members, sink));
    for (auto& result : results) {
      for (auto& p : result.platforms) {
        p.node = instance.nodes.empty() ? std::string(builder::kDefaultInstance) : instance.nodes.front().name;
        p.native = builder::RunsNatively(image::HostPlatform(), p.platform);
      }
    }
    return results;
  }
  std::vector<builder::BuildResult> results;
  for (const auto& member : members) {
    if (!member.links.empty()) {
      return util::Fail(util::ErrorKind::kInvalidArgument,
                        "target {:?}: contexts linking to other targets (target:NAME) need builder \"default\" "
                        "(builder {:?} has remote nodes)",
                        member.name, instance.name);
    }
    auto result = builder::BuildOnInstance(member.request, instance, sink);
    if (!result) return std::unexpected(std::move(result.error()).Context("target {:?}", member.name));
    results.push_back(std::move(*result));
  }
  return results;
}

// What the definition asks beyond --allow (buildx's entitlements): told, and then refused
// unless the user agrees on a terminal. The working directory and the paths --set names are
// granted.
util::Status CheckEntitlements(const BakeFlags& flags, const std::vector<std::string>& set_values,
                               const std::vector<bake::Target>& targets, const bake::BakeArgs& args) {
  auto granted = MANIFOLD_TRY(bake::ParseEntitlements(flags.allow));
  std::error_code ec;
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  granted.fs_read.push_back(cwd.string());
  granted.fs_write.push_back(cwd.string());
  bake::GrantSetValues(set_values, granted);
  const auto missing = MANIFOLD_TRY(bake::MissingEntitlements(targets, granted));
  const std::filesystem::path shown_from = std::filesystem::canonical(cwd, ec);
  const auto decision = MANIFOLD_TRY(
      bake::DecideEntitlements(missing, !args.url.empty(), shown_from, CurrentCommandLine(), bake::ProcessEnv()));
  if (!decision.message.empty()) fmt::print(stderr, "{}", decision.message);
  if (decision.allowed) return {};
  if (::isatty(STDIN_FILENO) && ::isatty(STDERR_FILENO)) {
    fmt::print(stderr, "Do you want to grant requested privileges and continue? [y/N] ");
    std::string answer;
    std::getline(std::cin, answer);
    if (answer == "y" || answer == "Y") return {};
  }
  return util::Fail(util::ErrorKind::kPermissionDenied, "additional privileges requested");
}

int RunBake(BakeFlags& flags) {
  auto fail = [](const util::Error& error, int code) {
    fmt::print(stderr, "error: {}\n", error.Describe());
    return code;
  };
  bake::MemberDefaults defaults;
  defaults.root = RootDir();
  const std::string progress_value = builder::EffectiveProgress(flags.progress_given, flags.progress);
  if (!progress::ParseMode(progress_value, &defaults.progress)) {
    return fail(util::Error(util::ErrorKind::kInvalidArgument,
                            fmt::format("--progress {:?}: use auto, plain, tty, rawjson or quiet", progress_value)),
                kExitUsage);
  }
  const bake::BakeArgs args = bake::SplitBakeArgs(flags.targets);
  builder::FetchedContext fetched;  // fetched sources live until the build is over
  auto files = ReadFiles(flags, args.url, defaults.progress, fetched);
  if (!files) return fail(files.error(), kExitUsage);
  bake::ReadConfigOptions read;
  read.working_dir = files->working_dir;
  read.local_platform = image::Format(image::HostPlatform());
  read.cmd_context = args.cmd_context;
  auto config = bake::ReadConfig(files->files, read);
  if (!config) return fail(config.error(), kExitUsage);
  if (!flags.list.empty()) {
    auto list = bake::ParseListFlag(flags.list);
    if (!list) return fail(list.error(), kExitUsage);
    fmt::print("{}", list->type == bake::ListRequest::Type::kTargets
                         ? bake::ListTargets(config->config, list->format)
                         : bake::ListVariables(config->variables, list->format));
    return kExitOk;
  }
  auto set_values = SetValues(flags, /*for_build=*/!flags.print);
  if (!set_values) return fail(set_values.error(), kExitUsage);
  bake::ResolveOptions resolve;
  resolve.remote_url = args.url;
  auto resolved = bake::ResolveTargets(config->config, args.targets, *set_values, resolve);
  if (!resolved) return fail(resolved.error(), kExitUsage);
  if (flags.print) {
    fmt::print("{}", bake::PrintJson(*resolved));
    return kExitOk;
  }

  defaults.builder = flags.builder;
  if (auto allowed = CheckEntitlements(flags, *set_values, resolved->targets, args); !allowed) {
    return fail(allowed.error(), kExitFailure);
  }
  // fs, ssh, device and image entitlements are bake's own; the steps get the others.
  for (const auto& entry : flags.allow) {
    if (entry == "network.host" || entry == "security.insecure") defaults.allow.push_back(entry);
  }
  if (const char* env = std::getenv("BUILDX_NO_DEFAULT_ATTESTATIONS")) defaults.no_default_attestations = env;
  std::vector<std::string> warnings;
  auto members = bake::ToBuildSetMembers(resolved->targets, defaults, warnings);
  if (!members) return fail(members.error(), kExitUsage);
  for (const auto& w : warnings) fmt::print(stderr, "{}\n", w);
  // As buildx: the definition's git auth also serves contexts on its host.
  const std::vector<std::string> definition_auth =
      args.url.empty() ? std::vector<std::string>{} : bake::GitAuthSecretFlags(args.url, bake::ProcessEnv());
  for (auto& member : *members) {
    member.request.load = member.request.load || flags.load;
    if (!definition_auth.empty() && bake::SharesGitHost(args.url, member.request.context_dir.string())) {
      member.request.secrets.insert(member.request.secrets.end(), definition_auth.begin(), definition_auth.end());
    }
  }

  std::unique_ptr<progress::Sink> renderer = progress::MakeRenderer(defaults.progress, STDERR_FILENO);
  std::vector<util::Result<builder::DockerfileForCall>> dockerfiles;
  for (auto& member : *members) {
    auto prepared = PrepareMember(member, *renderer, fetched);
    if (!prepared) {
      renderer->Close();
      return fail(std::move(prepared.error()).Context("target {:?}", member.name), kExitUsage);
    }
    dockerfiles.push_back(std::move(*prepared));
  }
  auto call_exit = RunCalls(*members, resolved->targets, dockerfiles);
  if (!call_exit) {
    renderer->Close();
    return fail(call_exit.error(), kExitUsage);
  }
  if (members->empty()) {
    renderer->Close();
    return *call_exit;
  }
  auto ns = util::EnterPrivateMountNamespace();
  if (!ns) {
    renderer->Close();
    return fail(ns.error(), kExitFailure);
  }
  InterruptWatcher interrupts;  // before the build's threads, which inherit its signal mask
  for (auto& member : *members) {
    member.request.cancel = interrupts.token();
    member.request.credentials = DockerCredentials();
  }
  progress::CountingSink sink(renderer.get());
  auto instance = builder::InstanceStore(defaults.root).Select(flags.builder);
  if (!instance) {
    sink.Close();
    return fail(instance.error(), kExitFailure);
  }
  const auto started = std::chrono::steady_clock::now();
  auto results = BuildOn(*members, *instance, sink);
  sink.Close();
  if (!results) return fail(results.error(), interrupts.signal() != 0 ? 128 + interrupts.signal() : kExitFailure);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::vector<std::pair<std::string, builder::BuildResult>> named;
  std::map<std::string, std::vector<std::string>> outputs;
  for (size_t i = 0; i < members->size(); ++i) {
    for (const auto& out : (*members)[i].request.outputs) outputs[(*members)[i].name].push_back(out.raw);
    (*results)[i].build_ref = builder::NewBuildRef(*instance, (*results)[i]);
    named.emplace_back((*members)[i].name, std::move((*results)[i]));
  }
  if (!flags.metadata_file.empty()) {
    if (auto written = builder::WriteBakeMetadataFile(flags.metadata_file, named); !written) {
      return fail(written.error(), kExitFailure);
    }
  }
  for (const auto& [name, result] : named) PrintCheckWarnings(result.warnings, defaults.progress);
  if (defaults.progress != progress::Mode::kQuiet && defaults.progress != progress::Mode::kRawJson) {
    PrintBakeSummary(named, outputs, seconds);
  }
  return *call_exit;
}

}  // namespace

void RegisterBake(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<BakeFlags>();
  auto* cmd = app.add_subcommand("bake", "Build from a file (docker-bake.hcl, docker-bake.json, compose.yaml)");
  cmd->alias("f");
  cmd->add_option("TARGET", flags->targets,
                  "[URL [CMD_CONTEXT]] targets or groups to build (default: the group or target \"default\"); a first "
                  "git or http(s) URL is a remote definition");
  cmd->add_option("-f,--file", flags->files, "Build definition file (repeatable; - for stdin)");
  cmd->add_option("--set", flags->set, "Override target value (e.g. targetpattern.key=value, targetpattern.key+=value)");
  cmd->add_flag("--print", flags->print, "Print the options without building");
  cmd->add_option("--list", flags->list, "List targets or variables (targets, variables, type=T,format=json)");
  cmd->add_flag("--load", flags->load, "Shorthand for --set=*.output=type=docker");
  cmd->add_flag("--push", flags->push, "Shorthand for --set=*.output=type=registry");
  flags->no_cache_option = cmd->add_flag("--no-cache", flags->no_cache, "Do not use cache when building the image");
  flags->pull_option = cmd->add_flag("--pull", flags->pull, "Always attempt to pull all referenced images");
  flags->provenance_option =
      cmd->add_option("--provenance", flags->provenance, "Shorthand for --set=*.attest=type=provenance")
          ->expected(0, 1)
          ->allow_extra_args(false);
  flags->sbom_option =
      cmd->add_option("--sbom", flags->sbom, "Shorthand for --set=*.attest=type=sbom")->expected(0, 1)->allow_extra_args(false);
  cmd->add_option("--metadata-file", flags->metadata_file, "Write build result metadata to a file (one object per target)");
  cmd->add_option("--progress", flags->progress, "Progress output: auto, plain, tty, rawjson, quiet");
  cmd->add_option("--call", flags->call, "Set method for evaluating build: build, check, outline, targets")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  cmd->add_flag("--check", flags->check, "Shorthand for --call=check");
  cmd->add_option("--allow", flags->allow, "Allow build to access specified resources (network.host, security.insecure)");
  cmd->add_option("--builder", flags->builder, "Builder instance to use");
  // One value per occurrence (`--set a --set b`), as docker's flags; TARGET takes them all.
  for (CLI::Option* option : cmd->get_options()) {
    if (option->get_expected_max() > 1 && !option->get_positional()) option->allow_extra_args(false);
  }
  cmd->callback([flags, exit_code, cmd] {
    if (!ContinueAsRoot(exit_code)) return;
    flags->progress_given = cmd->count("--progress") > 0;
    *exit_code = RunBake(*flags);
  });
}

}  // namespace manifold::cli
