// LoadIntoEngine: the archive streamed through a pipe into POST /images/load.
#include "exporter/engine_load.hpp"

#include <fcntl.h>
#include <cerrno>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <thread>

#include "content/oci_layout.hpp"
#include "exporter/deliver_docker.hpp"
#include "exporter/layout_names.hpp"
#include "image/platform_parse.hpp"
#include "util/unique_fd.hpp"

namespace manifold::exporter {

namespace {

// The writing thread's end of the pipe. When the Engine hangs up early, the write fails with
// EPIPE; SIGPIPE (directed at the writing thread for a pipe) is blocked in this thread only,
// and one left pending dies with the thread: the cli need not ignore SIGPIPE process-wide.
util::Status WriteArchive(const std::function<util::Status(int)>& write, util::UniqueFd fd) {
  sigset_t pipe_signal;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  ::pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
  return write(fd.get());
}

}  // namespace

const PlatformImage& EnginePlatform(const AssembledImages& images, const image::Platform& host) {
  MANIFOLD_ASSERT(!images.platforms.empty(), "a build makes at least one platform");
  for (const auto& p : images.platforms) {
    if (p.platform == host) return p;
  }
  return images.platforms.front();
}

util::Result<EngineLoaded> LoadIntoEngine(const registry::DockerEngine& engine, const content::Store& store,
                                          const AssembledImages& images, const std::vector<std::string>& names,
                                          std::optional<int64_t> source_date_epoch) {
  EngineLoaded loaded;
  loaded.host = engine.endpoint().host;
  loaded.platforms_built = images.platforms.size();
  bool containerd = MANIFOLD_TRY(engine.UsesContainerdStore());
  std::string what = "the image for the Docker Engine at " + engine.endpoint().host;

  std::function<util::Status(int)> write;
  if (containerd && images.platforms.size() > 1) {
    // containerd's importer reads index.json and keeps every platform of the index it names.
    auto roots = MANIFOLD_TRY(NamedRoots(images.root, names, source_date_epoch));
    write = [&store, roots = std::move(roots), source_date_epoch](int fd) {
      content::LayoutWriteOptions options;
      options.source_date_epoch = source_date_epoch;
      return content::WriteLayoutTar(store, roots, fd, options);
    };
  } else {
    const PlatformImage& chosen = EnginePlatform(images, image::HostPlatform());
    loaded.platform = chosen.platform;
    if (!containerd) loaded.image_id = chosen.config.digest;
    AssembledImages one{chosen.manifest, {chosen}};
    write = [&store, one = std::move(one), &names, source_date_epoch, what](int fd) {
      return WriteDockerArchive(store, one, names, source_date_epoch, fd, what);
    };
  }

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return util::FailErrno(errno, "making a pipe for the Docker Engine load");
  util::UniqueFd read_end(fds[0]);
  util::UniqueFd write_end(fds[1]);
  util::Status written;
  std::atomic<bool> writer_done = false;
  std::thread writer([&written, &writer_done, &write, fd = std::move(write_end)]() mutable {
    written = WriteArchive(write, std::move(fd));
    writer_done = true;
  });
  auto sent = engine.Load(read_end.get());
  // A writer that failed before the request ended closed the pipe early: the Engine then saw a
  // short tar, but the writer's error is the cause. One still writing now is stopped (EPIPE)
  // because the Engine hung up: the Engine's side is the cause.
  bool writer_failed_first = writer_done && !written;
  read_end.reset();
  writer.join();
  if (writer_failed_first || (sent && !written)) {
    return std::unexpected(std::move(written.error()).Context("writing {}", what));
  }
  if (!sent) return std::unexpected(std::move(sent.error()));
  loaded.names = std::move(sent->names);
  return loaded;
}

}  // namespace manifold::exporter
