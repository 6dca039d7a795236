// OCI layouts and filesystem outputs.
#include "exporter/deliver.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "content/oci_layout.hpp"
#include "content/tar_header.hpp"
#include "exporter/layout_names.hpp"
#include "snapshot/tar_tree.hpp"
#include "snapshot/tar_writer.hpp"
#include "util/id_map.hpp"
#include "util/temp_file.hpp"

namespace manifold::exporter {

namespace fs = std::filesystem;

namespace {

util::Status CopyTree(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_directories(to, ec);
  // cp keeps owners, modes, times, links and xattrs as they are in the image. Rootless, the
  // image's owners other than root would land on the host as the user's subordinate ids, files
  // the user could then neither read (a 0640 file of uid 1000) nor delete: the files belong to
  // the user instead (root of the namespace), as buildx's client writes a local output with its
  // own uid and gid (BuildKit's filesync target).
  const char* keep = util::CurrentUserNamespace().rootless ? "context,ownership" : "context";
  std::string cmd = fmt::format("cp -a --no-preserve={} -- '{}/.' '{}/'", keep, from.string(), to.string());
  if (from.string().find('\'') != std::string::npos || to.string().find('\'') != std::string::npos) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "output path {} must not contain a quote", to.string());
  }
  if (std::system(cmd.c_str()) != 0) {
    return util::Fail(util::ErrorKind::kInternal, "copying the image files to {} failed", to.string());
  }
  return {};
}

}  // namespace

std::string PlatformFolderName(const image::Platform& p) {
  std::string name = p.os + "_" + p.architecture;
  if (!p.variant.empty()) name += "_" + p.variant;
  return name;
}

util::Status DeliverOci(const content::Store& store, const AssembledImages& images, const OutputSpec& spec,
                        std::optional<int64_t> source_date_epoch, const std::vector<std::string>& names,
                        const std::vector<image::Descriptor>& referrers, progress::Activity* progress,
                        content::LayoutTarHead* head) {
  auto roots = NamedRoots(images.root, names.empty() ? spec.names : names, source_date_epoch);
  if (!roots) return std::unexpected(std::move(roots.error()).Context("--output {}", spec.raw));
  roots->insert(roots->end(), referrers.begin(), referrers.end());
  content::LayoutWriteOptions options;
  options.source_date_epoch = source_date_epoch;
  options.head = head;
  if (progress != nullptr) {
    std::string what = spec.tar ? "sending tarball" : "writing blobs";
    options.progress = [progress, what](int64_t done, int64_t total) { progress->Bytes(what, done, total); };
  }
  util::Status status;
  if (!spec.tar) {
    status = content::WriteLayoutDir(store, *roots, spec.dest, options);
  } else if (spec.dest == "-") {
    status = content::WriteLayoutTar(store, *roots, STDOUT_FILENO, options);
  } else {
    status = content::WriteLayoutTarFile(store, *roots, spec.dest, options);
  }
  if (!status) return std::unexpected(std::move(status.error()).Context("writing --output {}", spec.raw));
  return {};
}

util::Status DeliverFiles(snapshot::Snapshotter& snapshotter, const std::vector<PlatformFiles>& files,
                          const OutputSpec& spec, std::optional<int64_t> source_date_epoch) {
  bool several = files.size() > 1;
  if (spec.type == OutputType::kLocal) {
    fs::path dest = fs::absolute(spec.dest);
    fs::path staging = dest.parent_path() / (".manifold-" + dest.filename().string() + "-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove_all(staging, ec);
    for (const auto& f : files) {
      auto view = snapshotter.View(f.root);
      if (!view) return std::unexpected(std::move(view.error()));
      auto copied = CopyTree(view->path(), several ? staging / PlatformFolderName(f.platform) : staging);
      if (!copied) {
        fs::remove_all(staging, ec);
        return copied;
      }
    }
    fs::create_directories(staging, ec);
    // Replace dest whole: a half-written output directory is never visible.
    fs::path old = dest.parent_path() / (".manifold-old-" + dest.filename().string() + "-" + std::to_string(::getpid()));
    bool had_old = fs::exists(dest);
    if (had_old) fs::rename(dest, old, ec);
    if (ec) return util::Fail(util::ErrorKind::kPermissionDenied, "replacing {}: {}", dest.string(), ec.message());
    fs::rename(staging, dest, ec);
    if (ec) {
      if (had_old) fs::rename(old, dest, ec);
      fs::remove_all(staging, ec);
      return util::Fail(util::ErrorKind::kPermissionDenied, "writing {}: {}", dest.string(), ec.message());
    }
    if (had_old) fs::remove_all(old, ec);
    return {};
  }
  // type=tar: one archive, streamed.
  std::optional<util::TempFile> temp;
  int fd = STDOUT_FILENO;
  if (spec.dest != "-") {
    auto created = util::TempFile::Create(spec.dest);
    if (!created) return std::unexpected(std::move(created.error()).Context("--output {}", spec.raw));
    temp.emplace(std::move(*created));
    fd = temp->fd();
  }
  content::FdSink sink(fd);
  snapshot::TarWriter tar(sink);
  snapshot::TreeTarOptions options;
  options.clamp_mtime = source_date_epoch;
  for (const auto& f : files) {
    auto view = snapshotter.View(f.root);
    if (!view) return std::unexpected(std::move(view.error()));
    if (several) {
      content::TarEntry dir;
      dir.path = PlatformFolderName(f.platform);
      dir.type = content::TarEntryType::kDirectory;
      dir.mode = 0755;
      dir.mtime = source_date_epoch.value_or(0);
      MANIFOLD_CHECK(tar.Add(dir));
      options.path_prefix = dir.path + "/";
    }
    MANIFOLD_CHECK(snapshot::WriteTreeTar(view->path(), tar, options));
  }
  MANIFOLD_CHECK(tar.Finish());
  if (temp) return temp->Commit();
  return {};
}

}  // namespace manifold::exporter
