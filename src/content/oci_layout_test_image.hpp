// Test helper: a small real two-platform image (gzip layer, configs, manifests, index) in a Store.
#pragma once

#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/oci_layout.hpp"
#include "content/tar_stream.hpp"
#include "image/media_types.hpp"

namespace manifold::content {

struct TestImage {
  std::vector<image::Descriptor> roots;  ///< the index, annotated with the ref name if given
  std::string index_bytes;
  image::Digest index = image::Digest::OfBytes("");
  image::Digest layer = image::Digest::OfBytes("");
  image::Digest config_amd64 = image::Digest::OfBytes("");
  image::Digest config_arm64 = image::Digest::OfBytes("");
  std::vector<image::Digest> all;  ///< every blob, sorted
};

/// gzip (RFC 1952, no name, mtime 0) of `data`.
inline std::string GzipForTest(std::string_view data) {
  z_stream z{};
  deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

/// An uncompressed layer tar holding /hello.txt.
inline util::Result<std::string> LayerTarForTest() {
  util::UniqueFd fd(::memfd_create("layer", MFD_CLOEXEC));
  if (!fd) return util::FailErrno(errno, "memfd_create");
  auto tar = MANIFOLD_TRY(TarWriter::Open(fd.get(), "layer"));
  MANIFOLD_CHECK(tar.AddFile("hello.txt", "hello from manifold\n", 0));
  MANIFOLD_CHECK(tar.Finish());
  off_t size = ::lseek(fd.get(), 0, SEEK_END);
  std::string out(static_cast<size_t>(size), '\0');
  if (::pread(fd.get(), out.data(), out.size(), 0) != size) return util::FailErrno(errno, "pread");
  return out;
}

inline nlohmann::json DescriptorJsonForTest(std::string_view media_type, const image::Digest& d, size_t size) {
  return {{"mediaType", std::string(media_type)}, {"digest", d.str()}, {"size", size}};
}

/// Puts the image into `store`. `ref_name` (if not empty) becomes the root's ref annotation.
inline util::Result<TestImage> BuildTestImage(const Store& store, const std::string& ref_name) {
  namespace mt = image::media_type;
  TestImage out;
  std::string tar = MANIFOLD_TRY(LayerTarForTest());
  std::string gz = GzipForTest(tar);
  out.layer = MANIFOLD_TRY(store.Put(gz));
  nlohmann::json index = {{"schemaVersion", 2}, {"mediaType", std::string(mt::kOciIndex)}};
  index["manifests"] = nlohmann::json::array();
  for (std::string arch : {"amd64", "arm64"}) {
    nlohmann::json config = {{"architecture", arch},
                             {"os", "linux"},
                             {"config", {{"Cmd", nlohmann::json::array({"/bin/sh"})}}},
                             {"rootfs", {{"type", "layers"}, {"diff_ids", nlohmann::json::array({image::Digest::OfBytes(tar).str()})}}}};
    std::string config_bytes = config.dump();
    image::Digest config_digest = MANIFOLD_TRY(store.Put(config_bytes));
    (arch == "amd64" ? out.config_amd64 : out.config_arm64) = config_digest;
    nlohmann::json manifest = {{"schemaVersion", 2},
                               {"mediaType", std::string(mt::kOciManifest)},
                               {"config", DescriptorJsonForTest(mt::kOciConfig, config_digest, config_bytes.size())},
                               {"layers", nlohmann::json::array({DescriptorJsonForTest(mt::kOciLayerGzip, out.layer, gz.size())})}};
    std::string manifest_bytes = manifest.dump();
    image::Digest manifest_digest = MANIFOLD_TRY(store.Put(manifest_bytes));
    nlohmann::json entry = DescriptorJsonForTest(mt::kOciManifest, manifest_digest, manifest_bytes.size());
    entry["platform"] = {{"architecture", arch}, {"os", "linux"}};
    index["manifests"].push_back(entry);
    out.all.push_back(config_digest);
    out.all.push_back(manifest_digest);
  }
  out.index_bytes = index.dump();
  out.index = MANIFOLD_TRY(store.Put(out.index_bytes));
  out.all.push_back(out.layer);
  out.all.push_back(out.index);
  std::sort(out.all.begin(), out.all.end());
  image::Descriptor root;
  root.media_type = mt::kOciIndex;
  root.digest = out.index;
  root.size = static_cast<int64_t>(out.index_bytes.size());
  if (!ref_name.empty()) root.annotations[std::string(kRefNameAnnotation)] = ref_name;
  out.roots.push_back(root);
  return out;
}

}  // namespace manifold::content
