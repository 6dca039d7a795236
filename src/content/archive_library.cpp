// Loading libarchive with dlopen (util::SharedLibrary), once.
#include "content/archive_library.hpp"

#include <atomic>

#include "util/shared_library.hpp"

namespace manifold::content {
namespace {

// libarchive's ABI has kept this soname since 2011 (libarchive 3.0).
constexpr const char* kSoname = "libarchive.so.13";

ArchiveLibrary loaded{};
std::atomic<bool> ready{false};

util::Result<const ArchiveLibrary*> Load() {
  auto library = MANIFOLD_TRY(util::SharedLibrary::Open(kSoname, "to read tar archives", "libarchive13"));
  ArchiveLibrary lib{};
#define MANIFOLD_ARCHIVE_RESOLVE(member, function) library.Resolve(#function, &lib.member);
  MANIFOLD_ARCHIVE_FUNCTIONS(MANIFOLD_ARCHIVE_RESOLVE)
#undef MANIFOLD_ARCHIVE_RESOLVE
  MANIFOLD_CHECK(library.Complete("a libarchive of 3.3.3 or later is needed (Debian's package libarchive13)"));
  loaded = lib;
  ready.store(true, std::memory_order_release);
  return &loaded;
}

}  // namespace

util::Result<const ArchiveLibrary*> LoadArchive() {
  // A function-local static is initialised once, thread-safely (the call_once of C++11 statics).
  // Never unloaded: readers may be open until exit.
  static const util::Result<const ArchiveLibrary*> result = Load();
  return result;
}

const ArchiveLibrary& Archive() {
  MANIFOLD_ASSERT(ready.load(std::memory_order_acquire), "content::Archive() before a successful LoadArchive()");
  return loaded;
}

}  // namespace manifold::content
