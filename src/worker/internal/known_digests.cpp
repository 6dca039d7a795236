// Recorded file digests by directory: added in any order, sorted once before they are matched.
#include "worker/internal/known_digests.hpp"

#include <algorithm>
#include <limits>

#include "util/error.hpp"

namespace manifold::worker::internal {

void KnownDigests::Add(std::string_view rel, const KnownFile& file) {
  const size_t slash = rel.rfind('/');
  const std::string_view dir_name = slash == std::string_view::npos ? std::string_view() : rel.substr(0, slash);
  const std::string_view name = slash == std::string_view::npos ? rel : rel.substr(slash + 1);
  if (last_dir_ == nullptr || last_dir_name_ != dir_name) {
    last_dir_name_ = dir_name;
    // References into an unordered_map stay valid as it grows.
    last_dir_ = &dirs_[last_dir_name_];
  }
  Dir& dir = *last_dir_;
  MANIFOLD_ASSERT(dir.names.size() + name.size() <= std::numeric_limits<uint32_t>::max(),
                  "a directory's names fit in 4 GiB");
  dir.entries.push_back(
      {static_cast<uint32_t>(dir.names.size()), static_cast<uint32_t>(name.size()), file});
  dir.names.append(name);
}

const KnownDigests::Dir* KnownDigests::Sorted(std::string_view rel_dir) {
  auto it = dirs_.find(std::string(rel_dir));
  if (it == dirs_.end()) return nullptr;
  Dir& dir = it->second;
  if (dir.sorted == dir.entries.size()) return &dir;
  // Stable, so of two entries with one name the later added (the newer digest) comes last
  // and is the one kept.
  std::stable_sort(dir.entries.begin(), dir.entries.end(), [&dir](const Entry& a, const Entry& b) {
    return std::string_view(dir.names.data() + a.name_offset, a.name_size) <
           std::string_view(dir.names.data() + b.name_offset, b.name_size);
  });
  size_t out = 0;
  for (size_t i = 0; i < dir.entries.size(); ++i) {
    if (i + 1 < dir.entries.size() && dir.Name(i) == dir.Name(i + 1)) continue;
    dir.entries[out++] = dir.entries[i];
  }
  dir.entries.resize(out);
  // Loaded rows grow the vector by doubling: up to half of it would stay unused for the build.
  if (dir.entries.capacity() > out + out / 4) dir.entries.shrink_to_fit();
  dir.sorted = out;
  return &dir;
}

size_t KnownDigests::size() const {
  size_t n = 0;
  for (const auto& [name, dir] : dirs_) n += dir.entries.size();
  return n;
}

}  // namespace manifold::worker::internal
