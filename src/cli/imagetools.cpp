// `manifold imagetools inspect|create`: look at and stitch image indexes in registries.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/imagetools_format.hpp"
#include "cli/registry_access.hpp"
#include "cli/root.hpp"
#include "content/store.hpp"
#include "registry/index_create.hpp"
#include "registry/inspect.hpp"
#include "registry/reference.hpp"

namespace manifold::cli {
namespace {

struct InspectFlags {
  std::string name, format;
  bool raw = false;
};

struct CreateFlags {
  std::vector<std::string> tags, sources, annotations;
  bool append = false, dry_run = false;
};

int Fail(const util::Error& error, int code = kExitFailure) {
  fmt::print(stderr, "error: {}\n", error.Describe());
  return code;
}

int RunInspect(const InspectFlags& flags) {
  if (flags.raw && !flags.format.empty()) {
    return Fail(util::Error(util::ErrorKind::kInvalidArgument, "--raw and --format cannot be combined"), kExitUsage);
  }
  auto ref = registry::ParseReference(flags.name);
  if (!ref) return Fail(ref.error(), kExitUsage);
  auto hosts = OpenRegistryHosts();
  if (!hosts) return Fail(hosts.error());
  auto repository = (*hosts)->RepositoryFor(ref->domain, ref->path);
  registry::InspectOptions options;
  options.configs = !flags.format.empty() && TemplateNeedsConfigs(flags.format);
  options.attestations = !flags.format.empty() && TemplateNeedsAttestations(flags.format);
  auto inspected = registry::Inspect(repository, ref->TagOrDigest(), options);
  if (!inspected) return Fail(inspected.error());
  if (flags.raw) {
    fmt::print("{}", inspected->root.bytes);
    if (!inspected->root.bytes.ends_with("\n")) fmt::print("\n");
    return kExitOk;
  }
  if (flags.format.empty()) {
    fmt::print("{}", InspectText(ref->String(), *inspected));
    return kExitOk;
  }
  auto text = InspectTemplate(flags.format, ref->String(), *inspected);
  if (!text) return Fail(text.error(), kExitUsage);
  fmt::print("{}\n", *text);
  return kExitOk;
}

int RunCreate(const CreateFlags& flags) {
  if (flags.tags.empty() && !flags.dry_run) {
    return Fail(util::Error(util::ErrorKind::kInvalidArgument, "imagetools create needs -t NAME (or --dry-run)"), kExitUsage);
  }
  if (flags.sources.empty() && !flags.append) {
    return Fail(util::Error(util::ErrorKind::kInvalidArgument, "imagetools create needs at least one SOURCE"), kExitUsage);
  }
  std::map<std::string, std::string> annotations;
  for (const auto& a : flags.annotations) {
    auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Fail(util::Error(util::ErrorKind::kInvalidArgument,
                              fmt::format("--annotation {:?}: expected KEY=VALUE", a)), kExitUsage);
    }
    std::string key = a.substr(0, eq);
    if (key.starts_with("index:")) key = key.substr(6);  // buildx's level prefix; an index is all we make
    annotations[key] = a.substr(eq + 1);
  }
  std::vector<registry::Reference> targets;
  for (const auto& t : flags.tags) {
    auto ref = registry::ParseReference(t);
    if (!ref) return Fail(std::move(ref.error()).Context("-t {}", t), kExitUsage);
    targets.push_back(*ref);
  }
  auto hosts = OpenRegistryHosts();
  if (!hosts) return Fail(hosts.error());
  std::vector<registry::IndexSource> sources;
  if (flags.append && !targets.empty()) {
    // --append: what the first tag holds now comes first, the new sources are added to it.
    auto repository = (*hosts)->RepositoryFor(targets[0].domain, targets[0].path);
    auto existing = repository.HeadManifest(targets[0].TagOrDigest());
    if (!existing) return Fail(existing.error());
    if (*existing) sources.push_back({repository, targets[0].TagOrDigest()});
  }
  for (const auto& s : flags.sources) {
    auto ref = registry::ParseReference(s);
    if (!ref) return Fail(std::move(ref.error()).Context("source {}", s), kExitUsage);
    sources.push_back({(*hosts)->RepositoryFor(ref->domain, ref->path), ref->TagOrDigest()});
  }
  auto index = registry::ComposeIndex(sources, annotations);
  if (!index) return Fail(index.error());
  if (flags.dry_run) {
    fmt::print("{}\n", nlohmann::ordered_json::parse(index->bytes).dump(2));
    return kExitOk;
  }
  auto store = content::Store::Open(RootDir());
  if (!store) return Fail(store.error());
  // One publish per target repository, with every tag it gets.
  std::vector<std::pair<registry::Reference, std::vector<std::string>>> by_repository;
  for (const auto& t : targets) {
    auto it = std::find_if(by_repository.begin(), by_repository.end(), [&](const auto& e) {
      return e.first.domain == t.domain && e.first.path == t.path;
    });
    if (it == by_repository.end()) {
      by_repository.push_back({t, {}});
      it = std::prev(by_repository.end());
    }
    it->second.push_back(t.TagOrDigest());
  }
  for (const auto& [ref, tags] : by_repository) {
    auto target = (*hosts)->RepositoryFor(ref.domain, ref.path);
    auto published = registry::PublishIndex(*index, sources, target, tags, *store);
    if (!published) return Fail(published.error());
  }
  for (const auto& t : targets) fmt::print(stderr, "{} → {}\n", t.String(), index->descriptor.digest.str());
  return kExitOk;
}

}  // namespace

void RegisterImagetools(CLI::App& app, int* exit_code) {
  auto* tools = app.add_subcommand("imagetools", "Commands to work on images in registries");
  tools->require_subcommand(1);

  auto inspect_flags = std::make_shared<InspectFlags>();
  auto* inspect = tools->add_subcommand("inspect", "Show details of an image in the registry");
  inspect->add_option("NAME", inspect_flags->name, "Image reference")->required();
  inspect->add_flag("--raw", inspect_flags->raw, "Show the original, unformatted JSON manifest");
  inspect->add_option("--format", inspect_flags->format, "Format the output using the given Go-like template");
  inspect->callback([inspect_flags, exit_code] { *exit_code = RunInspect(*inspect_flags); });

  auto create_flags = std::make_shared<CreateFlags>();
  auto* create = tools->add_subcommand("create", "Create a new image index based on source images");
  create->add_option("SOURCE", create_flags->sources, "Source images (manifests or indexes)");
  create->add_option("-t,--tag", create_flags->tags, "Set reference for the new image")->allow_extra_args(false);
  create->add_flag("--append", create_flags->append, "Append to the existing manifest");
  create->add_flag("--dry-run", create_flags->dry_run, "Show the final image instead of pushing");
  create->add_option("--annotation", create_flags->annotations, "Add an annotation to the image (KEY=VALUE)")
      ->allow_extra_args(false);
  create->callback([create_flags, exit_code] { *exit_code = RunCreate(*create_flags); });
}

}  // namespace manifold::cli
