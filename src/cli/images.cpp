// `manifold images [ls|rm|tag|save]`: manifold's local image store (what --load fills).
#include <fmt/format.h>

#include <set>

#include "cli/command.hpp"
#include "cli/root.hpp"
#include "cli/units.hpp"
#include "content/store.hpp"
#include "exporter/deliver.hpp"
#include "exporter/deliver_docker.hpp"
#include "exporter/image_store.hpp"
#include "image/platform_parse.hpp"
#include "registry/reference.hpp"

namespace manifold::cli {
namespace {

int Fail(const util::Error& error) {
  fmt::print(stderr, "error: {}\n", error.Describe());
  return error.kind() == util::ErrorKind::kInvalidArgument ? kExitUsage : kExitFailure;
}

std::string Normalized(const std::string& name) {
  auto ref = registry::ParseReference(name);
  return ref ? ref->String() : name;
}

int List(bool quiet) {
  auto store = content::Store::Open(RootDir());
  if (!store) return Fail(store.error());
  exporter::ImageStore images(RootDir());
  auto list = images.List();
  if (!list) return Fail(list.error());
  if (!quiet) fmt::print("{:<40} {:<12} {:<14} {:<22} {:<34} {}\n", "REPOSITORY", "TAG", "IMAGE ID", "CREATED",
                         "PLATFORMS", "SIZE");
  for (const auto& image : *list) {
    std::string id(image.root.digest.Short());
    if (quiet) {
      fmt::print("{}\n", id);
      continue;
    }
    std::string repository = "<none>", tag = "<none>";
    if (auto ref = registry::ParseReference(image.name); ref && !image.name.empty()) {
      repository = ref->Familiar();
      if (auto colon = repository.rfind(':'); colon != std::string::npos && repository.find('/', colon) == std::string::npos) {
        tag = repository.substr(colon + 1);
        repository.resize(colon);
      }
    }
    std::string platforms;
    int64_t size = 0;
    if (auto parts = exporter::AssembledFromStore(*store, image.root)) {
      std::set<std::string> counted;
      for (const auto& p : parts->platforms) {
        platforms += (platforms.empty() ? "" : ",") + image::Format(p.platform);
        for (const auto& layer : p.layers) {
          if (counted.insert(layer.digest.str()).second) size += layer.size;
        }
      }
    } else {
      platforms = "(blobs missing)";
    }
    fmt::print("{:<40} {:<12} {:<14} {:<22} {:<34} {}\n", repository, tag, id, image.created, platforms, HumanSize(size));
  }
  return kExitOk;
}

int Remove(const std::vector<std::string>& names) {
  exporter::ImageStore images(RootDir());
  int code = kExitOk;
  for (const auto& name : names) {
    if (auto removed = images.Remove(Normalized(name)); !removed) {
      code = Fail(removed.error());
      continue;
    }
    fmt::print("Untagged: {}\n", name);
  }
  return code;
}

int Tag(const std::string& source, const std::string& target) {
  exporter::ImageStore images(RootDir());
  auto found = images.Get(Normalized(source));
  if (!found) return Fail(found.error());
  if (!*found) return Fail(util::Error(util::ErrorKind::kNotFound, fmt::format("no image named {} in manifold's store", source)));
  auto ref = registry::ParseReference(target);
  if (!ref) return Fail(ref.error());
  if (auto put = images.Put(ref->String(), (*found)->root); !put) return Fail(put.error());
  return kExitOk;
}

int Save(const std::string& name, const std::string& output, const std::string& format, const std::string& platform) {
  auto store = content::Store::Open(RootDir());
  if (!store) return Fail(store.error());
  exporter::ImageStore images(RootDir());
  auto found = images.Get(Normalized(name));
  if (!found) return Fail(found.error());
  if (!*found) return Fail(util::Error(util::ErrorKind::kNotFound, fmt::format("no image named {} in manifold's store", name)));
  std::optional<image::Platform> only;
  if (!platform.empty()) {
    auto p = image::ParsePlatformFlag(platform, image::HostPlatform());
    if (!p) return Fail(p.error());
    only = *p;
  }
  auto assembled = exporter::AssembledFromStore(*store, (*found)->root, only);
  if (!assembled) return Fail(assembled.error());
  exporter::OutputSpec spec;
  spec.dest = output;
  spec.names = {name};
  spec.raw = "images save -o " + output;
  util::Status saved;
  if (format == "docker") {
    spec.type = exporter::OutputType::kDocker;
    if (assembled->platforms.size() > 1) {
      return Fail(util::Error(util::ErrorKind::kInvalidArgument,
                              fmt::format("{} has {} platforms and a docker archive holds one; add --platform",
                                          name, assembled->platforms.size())));
    }
    saved = exporter::DeliverDocker(*store, *assembled, spec, spec.names, std::nullopt);
  } else if (format == "oci") {
    spec.type = exporter::OutputType::kOci;
    saved = exporter::DeliverOci(*store, *assembled, spec, std::nullopt);
  } else {
    return Fail(util::Error(util::ErrorKind::kInvalidArgument, fmt::format("--format {:?}: use oci or docker", format)));
  }
  return saved ? kExitOk : Fail(saved.error());
}

}  // namespace

void RegisterImages(CLI::App& app, int* exit_code) {
  auto* images = app.add_subcommand("images", "List and manage images in manifold's store (filled by build --load)");
  auto quiet = std::make_shared<bool>(false);
  images->add_flag("-q,--quiet", *quiet, "Only show image IDs");
  images->callback([images, quiet, exit_code] {
    if (images->get_subcommands().empty()) *exit_code = List(*quiet);
  });
  auto* ls = images->add_subcommand("ls", "List images");
  ls->callback([quiet, exit_code] { *exit_code = List(*quiet); });

  auto rm_names = std::make_shared<std::vector<std::string>>();
  auto* rm = images->add_subcommand("rm", "Remove image names (blobs stay until a prune)");
  rm->add_option("IMAGE", *rm_names, "Image names")->required();
  rm->callback([rm_names, exit_code] { *exit_code = Remove(*rm_names); });

  auto tag_args = std::make_shared<std::vector<std::string>>();
  auto* tag = images->add_subcommand("tag", "Give a stored image another name: tag SOURCE TARGET");
  tag->add_option("NAMES", *tag_args, "SOURCE TARGET")->required()->expected(2);
  tag->callback([tag_args, exit_code] { *exit_code = Tag((*tag_args)[0], (*tag_args)[1]); });

  struct SaveFlags {
    std::string name, output, format = "oci", platform;
  };
  auto save_flags = std::make_shared<SaveFlags>();
  auto* save = images->add_subcommand("save", "Write a stored image to an archive (OCI: all platforms; docker: one)");
  save->add_option("IMAGE", save_flags->name, "Image name")->required();
  save->add_option("-o,--output", save_flags->output, "Archive file (- for stdout)")->required();
  save->add_option("--format", save_flags->format, "oci (default) or docker");
  save->add_option("--platform", save_flags->platform, "Only this platform");
  save->callback([save_flags, exit_code] {
    *exit_code = Save(save_flags->name, save_flags->output, save_flags->format, save_flags->platform);
  });
}

}  // namespace manifold::cli
