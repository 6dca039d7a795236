// Helpers of the remote cache tests: real layers in a real store, and records over them.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cache/remote_cache.hpp"
#include "content/layer_writer.hpp"
#include "content/store.hpp"

namespace manifold::cache {

/// Readable records in test failures (digests, not bytes).
inline void PrintTo(const PortableRecord& r, std::ostream* os) {
  *os << "{" << r.key.substr(0, 19) << "… [";
  for (size_t i = 0; i < r.chain.size(); ++i) {
    if (i > 0) *os << ", ";
    if (!r.chain[i]) {
      *os << "empty";
    } else {
      *os << r.chain[i]->descriptor.digest.Short() << " diff " << r.chain[i]->diff_id.Short() << " "
          << r.chain[i]->descriptor.size << "/" << r.chain[i]->uncompressed_size << " "
          << r.chain[i]->descriptor.media_type;
    }
  }
  *os << "]}";
}

}  // namespace manifold::cache

namespace manifold::cache::test {

/// Writes `bytes` (any bytes: the writer does not parse tar) as a layer blob into `store`.
inline content::LayerResult MakeLayer(const content::Store& store, std::string_view bytes,
                                      content::Compression compression = content::Compression::kGzip) {
  content::CompressorOptions options;
  options.compression = compression;
  options.threads = 1;
  auto writer = content::LayerWriter::Create(store, options);
  EXPECT_TRUE(writer) << writer.error().What();
  EXPECT_TRUE((*writer)->Write(bytes));
  auto result = (*writer)->Finish();
  EXPECT_TRUE(result) << result.error().What();
  return *result;
}

/// A record: `key` ("sha256:" + 64 hex made from it) over `chain` (nullopt = empty step).
inline PortableRecord Record(std::string_view name, std::vector<std::optional<content::LayerResult>> chain) {
  PortableRecord r;
  r.key = image::Digest::OfBytes(name).str();
  r.chain = std::move(chain);
  return r;
}

/// Every regular file under `dir` (relative path → bytes): to check a directory did not change.
inline std::map<std::string, std::string> Snapshot(const std::filesystem::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    out[std::filesystem::relative(entry.path(), dir).string()] =
        std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  return out;
}

/// The records as ImportX returns them: sorted by key, then chain.
inline std::vector<PortableRecord> Sorted(std::vector<PortableRecord> records) {
  std::sort(records.begin(), records.end(), [](const PortableRecord& a, const PortableRecord& b) {
    if (a.key != b.key) return a.key < b.key;
    std::vector<std::string> ca, cb;
    for (const auto& l : a.chain) ca.push_back(l ? l->descriptor.digest.str() : "");
    for (const auto& l : b.chain) cb.push_back(l ? l->descriptor.digest.str() : "");
    return ca < cb;
  });
  return records;
}

}  // namespace manifold::cache::test
