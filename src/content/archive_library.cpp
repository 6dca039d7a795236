// Loading libarchive with dlopen, once.
#include "content/archive_library.hpp"

#include <dlfcn.h>

#include <atomic>
#include <string>

namespace manifold::content {
namespace {

// libarchive's ABI has kept this soname since 2011 (libarchive 3.0).
constexpr const char* kSoname = "libarchive.so.13";

ArchiveLibrary loaded{};
std::atomic<bool> ready{false};

template <typename F>
bool Resolve(void* handle, const char* name, F* into, std::string* missing) {
  void* symbol = ::dlsym(handle, name);
  if (symbol == nullptr) {
    if (!missing->empty()) *missing += ", ";
    *missing += name;
    return false;
  }
  *into = reinterpret_cast<F>(symbol);
  return true;
}

util::Result<const ArchiveLibrary*> Load() {
  // RTLD_NOW: every relocation is done here, once, not lazily inside the first extraction.
  void* handle = ::dlopen(kSoname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    return util::Fail(util::ErrorKind::kUnavailable,
                      "loading {} to read tar archives: {} (Debian's package libarchive13 provides it)", kSoname,
                      why != nullptr ? why : "unknown error");
  }
  ArchiveLibrary lib{};
  std::string missing;
  bool all = true;
#define MANIFOLD_ARCHIVE_RESOLVE(member, function) all &= Resolve(handle, #function, &lib.member, &missing);
  MANIFOLD_ARCHIVE_FUNCTIONS(MANIFOLD_ARCHIVE_RESOLVE)
#undef MANIFOLD_ARCHIVE_RESOLVE
  if (!all) {
    return util::Fail(util::ErrorKind::kUnavailable,
                      "{} lacks {}: a libarchive of 3.3.3 or later is needed (Debian's package libarchive13)", kSoname,
                      missing);
  }
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
