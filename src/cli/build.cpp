// `manifold build`: buildx-compatible flags → BuildRequest → builder::Build.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "builder/attest_options.hpp"
#include "builder/attestations.hpp"
#include "builder/build.hpp"
#include "builder/instance.hpp"
#include "builder/metadata.hpp"
#include "builder/multi_node_build.hpp"
#include "builder/platform_flags.hpp"
#include "builder/remote_context.hpp"
#include "cache/cache_spec.hpp"
#include "builder/source_date_epoch.hpp"
#include "cli/build_call.hpp"
#include "builder/build_env.hpp"
#include "cli/command.hpp"
#include "cli/interrupt.hpp"
#include "cli/registry_access.hpp"
#include "cli/root.hpp"
#include "cli/rootless.hpp"
#include "exporter/annotations.hpp"
#include "exporter/output_spec.hpp"
#include "frontend/dockerfile/check_options.hpp"
#include "frontend/dockerfile/run_environment.hpp"
#include "image/platform_parse.hpp"
#include "progress/counting_sink.hpp"
#include "util/mount.hpp"

namespace manifold::cli {

namespace {

struct BuildFlags {
  std::string context;
  std::vector<std::string> platforms, tags, build_args, labels, outputs, secrets, ssh, checks, annotations;
  std::string file, target, progress = "auto", metadata_file, iidfile;
  bool push = false, load = false, no_cache = false, pull = false, quiet = false, allow_fallback = false;
  std::string builder;
  int jobs = 0;
  std::vector<std::string> no_cache_filter;
  std::vector<std::string> cache_from, cache_to;
  frontend::dockerfile::RunEnvironmentFlags run_env;
  std::vector<std::string> build_contexts;
  std::string call = "build";   ///< --call (a bare --check arrives here as "check")
  bool debug = false;           ///< -D/--debug: refused (manifold has no debug log)
  bool check_bare = false;      ///< never set: RewriteCheckFlag has turned --check into --call=check
  bool progress_given = false;  ///< --progress was on the command line (else $BUILDKIT_PROGRESS may say)
  std::vector<std::string> attest, provenance, sbom;
  CLI::Option* provenance_option = nullptr;  // --provenance/--sbom may come bare: count() says whether given
  CLI::Option* sbom_option = nullptr;
};

// --attest/--provenance/--sbom and BUILDX_NO_DEFAULT_ATTESTATIONS → request.attest.
util::Status ParseAttestations(const BuildFlags& flags, builder::BuildRequest& req) {
  builder::AttestFlags attest;
  attest.attest = flags.attest;
  auto given = [](const CLI::Option* option, const std::vector<std::string>& values) -> std::optional<std::string> {
    if (option == nullptr || option->count() == 0) return std::nullopt;
    return values.empty() ? std::string() : values.back();
  };
  attest.provenance = given(flags.provenance_option, flags.provenance);
  attest.sbom = given(flags.sbom_option, flags.sbom);
  if (const char* env = std::getenv("BUILDX_NO_DEFAULT_ATTESTATIONS")) attest.no_default_env = env;
  req.attest = MANIFOLD_TRY(builder::ParseAttestFlags(attest));
  return builder::CheckAttestationsSupported(req);
}

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
  for (const auto& warning : builder::DropGhaCaches(req.cache_from, "--cache-from")) fmt::print(stderr, "{}\n", warning);
  for (const auto& warning : builder::DropGhaCaches(req.cache_to, "--cache-to")) fmt::print(stderr, "{}\n", warning);
  req.pull = flags.pull;
  req.metadata_file = flags.metadata_file;
  req.iid_file = flags.iidfile;
  req.secrets = flags.secrets;
  req.ssh = flags.ssh;
  req.root = RootDir();
  req.builder = flags.builder;
  req.allow_fallback = flags.allow_fallback;
  const std::string progress = builder::EffectiveProgress(flags.progress_given, flags.progress);
  if (!progress::ParseMode(flags.quiet ? "quiet" : progress, &req.progress)) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} {:?}: use auto, plain, tty, rawjson or quiet",
                      flags.progress_given ? "--progress" : "BUILDKIT_PROGRESS", progress);
  }
  req.platforms = MANIFOLD_TRY(builder::ParsePlatformFlags(builder::EffectivePlatforms(flags.platforms)));
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
  for (const auto& value : flags.annotations) {
    exporter::MergeAnnotations(req.annotations, MANIFOLD_TRY(exporter::ParseAnnotationFlag(value)));
  }
  for (const auto& value : flags.checks) {
    auto checks = frontend::dockerfile::ParseCheckFlag(value);
    if (!checks) return util::Fail(checks.error().kind(), "--check {}: {}", value, checks.error().message());
    req.checks = frontend::dockerfile::MergeCheckOptions(std::move(req.checks), *checks);
  }
  MANIFOLD_CHECK(builder::PropagateSourceDateEpoch(req.build_args));
  MANIFOLD_CHECK(builder::ApplyInlineCacheArg(req.build_args, req.cache_to));
  MANIFOLD_CHECK(ParseAttestations(flags, req));
  req.run_env = MANIFOLD_TRY(frontend::dockerfile::ParseRunEnvironment(flags.run_env));
  return req;
}

}  // namespace

void RegisterBuild(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<BuildFlags>();
  auto* cmd = app.add_subcommand("build", "Build a Dockerfile for one or more platforms");
  cmd->alias("b");
  cmd->add_option("PATH", flags->context,
                  "Build context: a directory, a git URL (URL#REF:SUBDIR), an http(s) URL of a tar or a "
                  "Dockerfile, or - (stdin)")
      ->required();
  cmd->add_option("--platform", flags->platforms, "Target platforms (os/arch[/variant], comma lists, local)");
  cmd->add_option("-t,--tag", flags->tags, "Image name and optionally a tag (name:tag)");
  cmd->add_option("-f,--file", flags->file, "Name of the Dockerfile (default: PATH/Dockerfile; - for stdin)");
  cmd->add_option("--target", flags->target, "Set the target build stage to build");
  cmd->add_option("--build-arg", flags->build_args, "Set build-time variables (NAME=VALUE or NAME)");
  cmd->add_option("--label", flags->labels, "Set metadata for an image (KEY=VALUE)");
  cmd->add_option("--annotation", flags->annotations,
                  "Add annotation to the image ([TYPE[,TYPE][[PLATFORM]]:]KEY=VALUE; types manifest, index, "
                  "manifest-descriptor, index-descriptor)");
  cmd->add_option("--build-context", flags->build_contexts,
                  "Additional build contexts (NAME=DIR | NAME=docker-image://REF | NAME=oci-layout://PATH[@DIGEST|:TAG])");
  cmd->add_option("-o,--output", flags->outputs, "Output destination (type=oci,dest=FILE | DIR | -)");
  cmd->add_flag("--push", flags->push, "Shorthand for --output=type=registry");
  cmd->add_flag("--load", flags->load,
                "Load every platform into manifold's image store, and the image into the Docker Engine when one answers");
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
  cmd->add_option("--iidfile", flags->iidfile, "Write the image ID to the file (the config digest of a single image, else the index digest)");
  cmd->add_option("--secret", flags->secrets, "Secret to expose to the build (id=ID,src=FILE | id=ID,env=VAR)");
  cmd->add_option("--ssh", flags->ssh, "SSH agent socket to expose to the build (default | ID=SOCKET)");
  cmd->add_flag("-D,--debug", flags->debug, "Enable debug logging (not supported: refused)")->group("");
  cmd->add_option("--call", flags->call, "Set method for evaluating build: build, check, outline, targets "
                  "(,format=json)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // as cobra's string flags: the last wins
  // main's RewriteCheckFlag turns `--check` into `--call=check` and `--check=OPTIONS` into
  // --check-options; the flag is declared for the help text.
  cmd->add_flag("--check", flags->check_bare, "Shorthand for --call=check; --check=error|skip=RULE,... sets the build checks instead");
  cmd->add_option("--check-options", flags->checks,
                  "Build checks: error (warnings fail the build), skip=RULE,...|all, or both: skip=...;error=true")
      ->group("");
  cmd->add_option("--builder", flags->builder, "Builder instance to use (default: $MANIFOLD_BUILDER, $BUILDX_BUILDER, "
                  "or the one chosen with manifold use)");
  cmd->add_flag("--allow-fallback", flags->allow_fallback,
                "Build an unreachable node's platforms on other nodes (by emulation) instead of failing");
  cmd->add_option("--attest", flags->attest,
                  "Attestation parameters (type=provenance|sbom[,mode=min|max][,version=v0.2|v1][,disabled=true])");
  // Bare or with a value (`--provenance`, `--provenance=mode=max`), as buildx users write them.
  flags->provenance_option =
      cmd->add_option("--provenance", flags->provenance,
                      "Shorthand for --attest=type=provenance (true, false, or mode=min|max,version=v0.2|v1)")
          ->expected(0, 1);
  flags->sbom_option =
      cmd->add_option("--sbom", flags->sbom, "Shorthand for --attest=type=sbom (true or false)")->expected(0, 1);
  cmd->add_option("--network", flags->run_env.network, "Networking mode for the RUN instructions: default, none, host");
  cmd->add_option("--add-host", flags->run_env.add_hosts, "Add a custom host-to-IP mapping (NAME:IP or NAME=IP)");
  cmd->add_option("--ulimit", flags->run_env.ulimits, "Ulimit options for RUN (NAME=SOFT[:HARD], e.g. nofile=1024:2048)");
  cmd->add_option("--shm-size", flags->run_env.shm_size, "Shared memory size of RUN's /dev/shm (bytes, or 64m, 1g)");
  cmd->add_option("--cgroup-parent", flags->run_env.cgroup_parent, "Parent cgroup of the RUN containers (a cgroupfs path)");
  cmd->add_option("--allow", flags->run_env.allow,
                  "Allow extra privileged entitlement: network.host, security.insecure (repeat or comma list)");
  // One value per occurrence (`-t a -t b`), as docker's flags: a repeated option never swallows
  // the PATH that follows it.
  for (CLI::Option* option : cmd->get_options()) {
    if (option->get_expected_max() > 1) option->allow_extra_args(false);
  }
  cmd->callback([flags, exit_code, cmd] {
    if (!ContinueAsRoot(exit_code)) return;
    if (flags->debug) {
      fmt::print(stderr, "error: -D/--debug is not supported by this manifold: it has no debug log; --progress=plain "
                         "shows every step's output and errors carry their full context\n");
      *exit_code = kExitUsage;
      return;
    }
    flags->progress_given = cmd->count("--progress") > 0;
    auto request = ToRequest(*flags);
    if (!request) {
      fmt::print(stderr, "error: {}\n", request.error().Describe());
      *exit_code = kExitUsage;
      return;
    }
    auto call = ParseCall(flags->call);
    if (!call) {
      fmt::print(stderr, "error: {}\n", call.error().Describe());
      *exit_code = kExitUsage;
      return;
    }
    // One renderer for everything the build shows, from a remote context's fetch on, so that
    // vertices are numbered once. Closed before any message of ours reaches stderr.
    std::unique_ptr<progress::Sink> renderer = progress::MakeRenderer(request->progress, STDERR_FILENO);
    auto stop = [&](const util::Error& error, int code) {
      renderer->Close();
      fmt::print(stderr, "error: {}\n", error.Describe());
      *exit_code = code;
    };
    // A git URL, an http(s) URL or "-": fetched into scratch that lives until the build is over.
    auto fetched_context = builder::ResolveBuildContext(*request, *renderer);
    if (!fetched_context) {
      return stop(fetched_context.error(),
                  fetched_context.error().kind() == util::ErrorKind::kInvalidArgument ? kExitUsage : kExitFailure);
    }
    // Read and parsed once here, for the calls, SOURCE_DATE_EPOCH's ARG default and the lint (a
    // stdin Dockerfile is kept in the request for the build).
    const auto dockerfile = builder::ReadDockerfileForCall(*request);
    if (call->kind != CallKind::kBuild) {
      renderer->Close();
      *exit_code = RunCall(*call, *request, dockerfile);
      return;
    }
    static const frontend::dockerfile::Dockerfile kUnread;  // the build reports why it could not be read
    auto epoch = builder::SourceDateEpochOf(request->build_args, dockerfile ? dockerfile->parsed : kUnread,
                                            dockerfile ? dockerfile->name : std::string());
    if (!epoch) return stop(epoch.error(), kExitUsage);
    request->source_date_epoch = *epoch;
    // The Dockerfile's lint runs before the build, as BuildKit's: with error=true its findings
    // stop the build; otherwise they are listed after it.
    std::vector<frontend::dockerfile::LintFinding> lint;
    if (dockerfile) {
      lint = builder::LintDockerfile(*dockerfile);
      if (!lint.empty() && dockerfile->checks.Fails()) {
        renderer->Close();
        fmt::print(stderr, "{}", FormatLintFindings(lint, *dockerfile));
        fmt::print(stderr, "error: {} lint violation{} found and the build checks have error=true\n", lint.size(),
                   lint.size() == 1 ? "" : "s");
        *exit_code = kExitFailure;
        return;
      }
    }  // else: the build reports the same read or parse error with its own context
    if (!request->iid_file.empty()) {
      // As buildx: a failed build must not leave an earlier build's image ID behind.
      std::error_code ec;
      std::filesystem::remove(request->iid_file, ec);
      if (ec) {
        renderer->Close();
        fmt::print(stderr, "error: removing --iidfile {}: {}\n", request->iid_file, ec.message());
        *exit_code = kExitFailure;
        return;
      }
    }
    request->credentials = DockerCredentials();
    auto ns = util::EnterPrivateMountNamespace();
    if (!ns) return stop(ns.error(), kExitFailure);
    InterruptWatcher interrupts;  // before the build's threads, which inherit its signal mask
    request->cancel = interrupts.token();
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
    result->build_ref = builder::NewBuildRef(*instance, *result);
    if (!request->metadata_file.empty()) {
      if (auto written = builder::WriteMetadataFile(request->metadata_file, *result); !written) {
        fmt::print(stderr, "error: {}\n", written.error().Describe());
        *exit_code = kExitFailure;
        return;
      }
    }
    PrintCheckWarnings(result->warnings, request->progress);
    PrintLintWarnings(lint, request->progress);
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
