// `manifold build`: buildx-compatible flags → BuildRequest → builder::Build.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "builder/build.hpp"
#include "builder/instance.hpp"
#include "builder/metadata.hpp"
#include "builder/multi_node_build.hpp"
#include "cache/cache_spec.hpp"
#include "cli/command.hpp"
#include "cli/interrupt.hpp"
#include "cli/registry_access.hpp"
#include "cli/root.hpp"
#include "exporter/output_spec.hpp"
#include "frontend/dockerfile/check_options.hpp"
#include "image/platform_parse.hpp"
#include "progress/counting_sink.hpp"
#include "snapshot/tar_tree.hpp"
#include "util/mount.hpp"

namespace manifold::cli {

namespace {

struct BuildFlags {
  std::string context;
  std::vector<std::string> platforms, tags, build_args, labels, outputs, secrets, ssh, checks;
  std::string file, target, progress = "auto", metadata_file, iidfile;
  bool push = false, load = false, no_cache = false, pull = false, quiet = false, allow_fallback = false;
  std::string builder;
  int jobs = 0;
  std::vector<std::string> no_cache_filter;
  std::vector<std::string> cache_from, cache_to;
  std::vector<std::string> build_contexts;
  std::vector<std::string> unsupported;
};

util::Result<builder::BuildRequest> ToRequest(const BuildFlags& flags) {
  builder::BuildRequest req;
  req.context_dir = flags.context;
  req.dockerfile = flags.file;
  req.target = flags.target;
  req.tags = flags.tags;
  req.push = flags.push;
  req.load = flags.load;
  req.jobs = flags.jobs;
  req.no_cache = flags.no_cache;
  req.no_cache_filter = flags.no_cache_filter;
  for (const auto& value : flags.cache_from) req.cache_from.push_back(MANIFOLD_TRY(cache::ParseCacheFrom(value)));
  for (const auto& value : flags.cache_to) req.cache_to.push_back(MANIFOLD_TRY(cache::ParseCacheTo(value)));
  req.pull = flags.pull;
  req.metadata_file = flags.metadata_file;
  req.iid_file = flags.iidfile;
  req.secrets = flags.secrets;
  req.ssh = flags.ssh;
  req.root = RootDir();
  req.builder = flags.builder;
  req.allow_fallback = flags.allow_fallback;
  if (!progress::ParseMode(flags.quiet ? "quiet" : flags.progress, &req.progress)) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "--progress {:?}: use auto, plain, tty, rawjson or quiet",
                      flags.progress);
  }
  image::Platform host = image::HostPlatform();
  for (const auto& value : flags.platforms) {
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      std::string spec = value.substr(start, comma - start);
      start = comma + 1;
      if (spec.empty()) continue;
      auto p = image::ParsePlatformFlag(spec, host);
      if (!p) return std::unexpected(std::move(p.error()).Context("--platform {}", spec));
      // containerd's parser accepts any architecture word; a build for one nothing can run is
      // a typo, so say so now rather than after the build.
      static constexpr std::string_view kKnownArchs[] = {"amd64", "arm64", "arm", "386", "ppc64le", "ppc64",
                                                         "s390x", "riscv64", "mips64le", "mips64", "mipsle",
                                                         "mips", "loong64", "wasm"};
      if (std::find(std::begin(kKnownArchs), std::end(kKnownArchs), p->architecture) == std::end(kKnownArchs)) {
        return util::Fail(util::ErrorKind::kInvalidArgument,
                          "--platform {}: unknown architecture {:?} (use amd64, arm64, arm/v7, arm/v6, 386, "
                          "ppc64le, s390x, riscv64, ...)",
                          spec, p->architecture);
      }
      if (std::find(req.platforms.begin(), req.platforms.end(), *p) == req.platforms.end()) req.platforms.push_back(*p);
    }
  }
  if (req.platforms.empty()) req.platforms.push_back(host);
  for (const auto& arg : flags.build_args) {
    size_t eq = arg.find('=');
    if (eq == std::string::npos) {
      // buildx: `--build-arg NAME` takes the value from the environment, if it is set there.
      if (const char* v = std::getenv(arg.c_str())) req.build_args[arg] = v;
      continue;
    }
    req.build_args[arg.substr(0, eq)] = arg.substr(eq + 1);
  }
  for (const auto& value : flags.build_contexts) {
    auto [key, spec] = MANIFOLD_TRY(builder::ParseBuildContextFlag(value));
    if (req.build_contexts.contains(key)) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "--build-context {}: a context named {:?} was already given",
                        value, key);
    }
    req.build_contexts.emplace(std::move(key), std::move(spec));
  }
  for (const auto& label : flags.labels) {
    size_t eq = label.find('=');
    req.labels[label.substr(0, eq)] = eq == std::string::npos ? "" : label.substr(eq + 1);
  }
  for (const auto& out : flags.outputs) {
    auto spec = exporter::ParseOutputSpec(out);
    if (!spec) return std::unexpected(std::move(spec.error()));
    req.outputs.push_back(std::move(*spec));
  }
  for (const auto& value : flags.checks) {
    auto checks = frontend::dockerfile::ParseCheckFlag(value);
    if (!checks) return util::Fail(checks.error().kind(), "--check {}: {}", value, checks.error().message());
    req.checks = frontend::dockerfile::MergeCheckOptions(std::move(req.checks), *checks);
  }
  req.source_date_epoch = MANIFOLD_TRY(snapshot::SourceDateEpochFromEnv());
  return req;
}

}  // namespace

void RegisterBuild(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<BuildFlags>();
  auto* cmd = app.add_subcommand("build", "Build a Dockerfile for one or more platforms");
  cmd->alias("b");
  cmd->add_option("PATH", flags->context, "Build context directory")->required();
  cmd->add_option("--platform", flags->platforms, "Target platforms (os/arch[/variant], comma lists, local)");
  cmd->add_option("-t,--tag", flags->tags, "Image name and optionally a tag (name:tag)");
  cmd->add_option("-f,--file", flags->file, "Name of the Dockerfile (default: PATH/Dockerfile; - for stdin)");
  cmd->add_option("--target", flags->target, "Set the target build stage to build");
  cmd->add_option("--build-arg", flags->build_args, "Set build-time variables (NAME=VALUE or NAME)");
  cmd->add_option("--label", flags->labels, "Set metadata for an image (KEY=VALUE)");
  cmd->add_option("--build-context", flags->build_contexts,
                  "Additional build contexts (NAME=DIR | NAME=docker-image://REF | NAME=oci-layout://PATH[@DIGEST|:TAG])");
  cmd->add_option("-o,--output", flags->outputs, "Output destination (type=oci,dest=FILE | DIR | -)");
  cmd->add_flag("--push", flags->push, "Shorthand for --output=type=registry");
  cmd->add_flag("--load", flags->load, "Load every platform into manifold's image store");
  cmd->add_option("--progress", flags->progress, "Progress output: auto, plain, tty, rawjson, quiet");
  cmd->add_flag("-q,--quiet", flags->quiet, "Suppress the build output");
  cmd->add_option("-j,--jobs", flags->jobs, "Build steps run at once (default: number of cores)");
  cmd->add_flag("--no-cache", flags->no_cache, "Do not use cache when building the image");
  cmd->add_option("--no-cache-filter", flags->no_cache_filter, "Do not cache specified stages");
  cmd->add_option("--cache-from", flags->cache_from,
                  "External cache sources (type=registry,ref=REF | type=local,src=DIR | REF)");
  cmd->add_option("--cache-to", flags->cache_to,
                  "Cache export destinations (type=registry,ref=REF | type=local,dest=DIR | type=inline; mode=min|max)");
  cmd->add_flag("--pull", flags->pull, "Always attempt to pull all referenced images");
  cmd->add_option("--metadata-file", flags->metadata_file, "Write build result metadata to a file");
  cmd->add_option("--iidfile", flags->iidfile, "Write the image ID (the root descriptor's digest) to the file");
  cmd->add_option("--secret", flags->secrets, "Secret to expose to the build (id=ID,src=FILE | id=ID,env=VAR)");
  cmd->add_option("--ssh", flags->ssh, "SSH agent socket to expose to the build (default | ID=SOCKET)");
  cmd->add_option("--check", flags->checks,
                  "Build checks: error (warnings fail the build), skip=RULE,...|all, or both: skip=...;error=true");
  cmd->add_option("--builder", flags->builder, "Builder instance to use (default: $MANIFOLD_BUILDER, $BUILDX_BUILDER, "
                  "or the one chosen with manifold use)");
  cmd->add_flag("--allow-fallback", flags->allow_fallback,
                "Build an unreachable node's platforms on other nodes (by emulation) instead of failing");
  for (const char* name : {"--attest",
                           "--sbom", "--provenance", "--annotation", "--add-host", "--network",
                           "--allow", "--shm-size", "--ulimit", "--cgroup-parent"}) {
    cmd->add_option(name, flags->unsupported, "not supported yet")->group("");
  }
  // One value per occurrence (`-t a -t b`), as docker's flags: a repeated option never swallows
  // the PATH that follows it.
  for (CLI::Option* option : cmd->get_options()) {
    if (option->get_expected_max() > 1) option->allow_extra_args(false);
  }
  cmd->callback([flags, exit_code, cmd] {
    for (const char* name : {"--attest",
                             "--sbom", "--provenance", "--annotation", "--add-host", "--network",
                             "--allow", "--shm-size", "--ulimit", "--cgroup-parent"}) {
      if (cmd->count(name) > 0) {
        fmt::print(stderr, "error: {} is not supported by this manifold yet\n", name);
        *exit_code = kExitUsage;
        return;
      }
    }
    auto request = ToRequest(*flags);
    if (!request) {
      fmt::print(stderr, "error: {}\n", request.error().Describe());
      *exit_code = kExitUsage;
      return;
    }
    if (!request->iid_file.empty()) {
      // As buildx: a failed build must not leave an earlier build's image ID behind.
      std::error_code ec;
      std::filesystem::remove(request->iid_file, ec);
      if (ec) {
        fmt::print(stderr, "error: removing --iidfile {}: {}\n", request->iid_file, ec.message());
        *exit_code = kExitFailure;
        return;
      }
    }
    request->credentials = DockerCredentials();
    auto ns = util::EnterPrivateMountNamespace();
    if (!ns) {
      fmt::print(stderr, "error: {}\n", ns.error().What());
      *exit_code = kExitFailure;
      return;
    }
    InterruptWatcher interrupts;  // before the build's threads, which inherit its signal mask
    request->cancel = interrupts.token();
    std::unique_ptr<progress::Sink> renderer = progress::MakeRenderer(request->progress, STDERR_FILENO);
    progress::CountingSink sink(renderer.get());
    auto instance = builder::InstanceStore(request->root).Select(request->builder);
    if (!instance) {
      sink.Close();
      fmt::print(stderr, "error: {}\n", instance.error().Describe());
      *exit_code = kExitFailure;
      return;
    }
    auto result = builder::BuildOnInstance(*request, *instance, sink);
    sink.Close();
    if (!result) {
      fmt::print(stderr, "error: {}\n", result.error().Describe());
      *exit_code = interrupts.signal() != 0 ? 128 + interrupts.signal() : kExitFailure;
      return;
    }
    if (!request->iid_file.empty()) {
      if (auto written = builder::WriteIidFile(request->iid_file, *result); !written) {
        fmt::print(stderr, "error: {}\n", written.error().Describe());
        *exit_code = kExitFailure;
        return;
      }
    }
    if (!request->metadata_file.empty()) {
      if (auto written = builder::WriteMetadataFile(request->metadata_file, *result); !written) {
        fmt::print(stderr, "error: {}\n", written.error().Describe());
        *exit_code = kExitFailure;
        return;
      }
    }
    PrintCheckWarnings(result->warnings, request->progress);
    if (request->progress == progress::Mode::kQuiet) {
      // `-o -` owns stdout: a digest line after the tar stream would corrupt it.
      bool stdout_taken = std::any_of(request->outputs.begin(), request->outputs.end(),
                                      [](const exporter::OutputSpec& o) { return o.dest == "-"; });
      if (!stdout_taken) fmt::print("{}\n", result->root.digest.str());
    } else if (request->progress != progress::Mode::kRawJson) {
      // rawjson's stderr is JSON lines only; the summary is for people.
      PrintBuildSummary(*result, sink);
    }
    *exit_code = kExitOk;
  });
}

}  // namespace manifold::cli
