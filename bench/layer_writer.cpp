// Benchmark: a directory → deterministic tar → compressed layer, timed, with peak RSS.
//
// usage: layer_writer DIR [--compression gzip|zstd|uncompressed] [--level N] [--threads N]
//                         [--store ROOT]
// Without --store the blob is hashed and discarded (what `| sha256sum` does); with it the blob
// is written and committed (fsync) into a content store at ROOT. Prints one line:
//   compression=gzip tar_bytes=… blob_bytes=… seconds=… tar_MBps=… peak_rss_kib=… digest=… diff_id=…
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include "content/layer_writer.hpp"
#include "content/store.hpp"
#include "snapshot/tar_tree.hpp"
#include "snapshot/tar_writer.hpp"

using namespace manifold;

namespace {

class NullSink final : public content::ByteSink {
 public:
  util::Status Write(std::string_view) override { return {}; }
};

int Usage() {
  std::fprintf(stderr,
               "usage: layer_writer DIR [--compression gzip|zstd|uncompressed] [--level N] "
               "[--threads N] [--store ROOT]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage();
  std::string dir = argv[1];
  content::CompressorOptions options;
  std::optional<std::string> store_root;
  for (int i = 2; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (i + 1 >= argc) return Usage();
    std::string value = argv[++i];
    if (arg == "--compression") {
      auto c = content::ParseCompression(value);
      if (!c) {
        std::fprintf(stderr, "%s\n", c.error().What().c_str());
        return 2;
      }
      options.compression = *c;
    } else if (arg == "--level") {
      options.level = std::atoi(value.c_str());
    } else if (arg == "--threads") {
      options.threads = std::atoi(value.c_str());
    } else if (arg == "--store") {
      store_root = value;
    } else {
      return Usage();
    }
  }

  auto started = std::chrono::steady_clock::now();
  NullSink null_sink;
  std::optional<content::Store> store;
  util::Result<std::unique_ptr<content::LayerWriter>> layer =
      util::Fail(util::ErrorKind::kInternal, "unset");
  if (store_root) {
    auto opened = content::Store::Open(*store_root);
    if (!opened) {
      std::fprintf(stderr, "%s\n", opened.error().What().c_str());
      return 1;
    }
    store.emplace(std::move(*opened));
    layer = content::LayerWriter::Create(*store, options);
  } else {
    layer = content::LayerWriter::Create(null_sink, options);
  }
  if (!layer) {
    std::fprintf(stderr, "%s\n", layer.error().What().c_str());
    return 1;
  }
  snapshot::TarWriter tar(**layer);
  util::Status walked = snapshot::WriteTreeTar(dir, tar);
  if (walked) walked = tar.Finish();
  if (!walked) {
    std::fprintf(stderr, "%s\n", walked.error().What().c_str());
    return 1;
  }
  auto result = (*layer)->Finish();
  if (!result) {
    std::fprintf(stderr, "%s\n", result.error().What().c_str());
    return 1;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "compression=%s tar_bytes=%lld blob_bytes=%lld seconds=%.3f tar_MBps=%.1f "
      "peak_rss_kib=%ld digest=%s diff_id=%s\n",
      std::string(content::CompressionName(options.compression)).c_str(),
      static_cast<long long>(result->uncompressed_size),
      static_cast<long long>(result->descriptor.size), seconds,
      static_cast<double>(result->uncompressed_size) / 1e6 / seconds, usage.ru_maxrss,
      result->descriptor.digest.str().c_str(), result->diff_id.str().c_str());
  return 0;
}
