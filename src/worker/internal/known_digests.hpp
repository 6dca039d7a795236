// worker::internal::KnownDigests: a context's recorded file digests, grouped by directory.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cache/meta_store.hpp"

namespace manifold::worker::internal {

/// What was recorded of one file: its stat when it was hashed and the SHA-256 of its content.
struct KnownFile {
  cache::FileStamp stamp;
  std::array<uint8_t, 32> sha256{};
};

/// The recorded digests of one context's files, by directory: a directory's names are kept
/// sorted, so the walk of a context (which reads each directory's names sorted) finds all of
/// them in one pass, with no hashing or copying of paths per file. About 80 bytes a file plus
/// its name (a map keyed by full paths took over 200). Not thread-safe: the owner locks.
class KnownDigests {
 public:
  /// Records `file` for `rel` (a '/'-separated path relative to the context, no leading '/').
  /// A later Add for the same path replaces the earlier one.
  void Add(std::string_view rel, const KnownFile& file);

  /// For directory `rel_dir` ("" = the context's root) and `count` of its names, which
  /// `name_of(i)` gives in increasing byte order: calls `found(i, file)` for each recorded one.
  template <class NameOf, class Found>
  void Match(std::string_view rel_dir, size_t count, NameOf name_of, Found found) {
    const Dir* dir = Sorted(rel_dir);
    if (dir == nullptr) return;
    size_t k = 0;
    for (size_t i = 0; i < count && k < dir->entries.size(); ++i) {
      const std::string_view name = name_of(i);
      while (k < dir->entries.size() && dir->Name(k) < name) ++k;
      if (k < dir->entries.size() && dir->Name(k) == name) found(i, dir->entries[k].file);
    }
  }

  /// How many files are recorded (a path added twice counts once after a Match of its dir).
  size_t size() const;

 private:
  struct Entry {
    uint32_t name_offset = 0;
    uint32_t name_size = 0;
    KnownFile file;
  };
  struct Dir {
    std::string names;  ///< the entries' names, back to back
    std::vector<Entry> entries;
    size_t sorted = 0;  ///< entries[0, sorted) are in name order, one per name; later ones were added since
    std::string_view Name(size_t i) const { return {names.data() + entries[i].name_offset, entries[i].name_size}; }
  };

  /// `rel_dir`'s entries in name order (a name added twice keeps its last file), or nullptr.
  const Dir* Sorted(std::string_view rel_dir);

  std::unordered_map<std::string, Dir> dirs_;
  std::string last_dir_name_;  ///< Add's last directory: rows of one directory come together
  Dir* last_dir_ = nullptr;
};

}  // namespace manifold::worker::internal
