// SharedLibrary: dlopen once, dlsym by name, the missing names reported together.
#include "util/shared_library.hpp"

#include <dlfcn.h>

namespace manifold::util {

Result<SharedLibrary> SharedLibrary::Open(const char* soname, std::string_view for_what, std::string_view package) {
  // RTLD_NOW: every relocation is done here, on whichever thread loads it, not lazily inside
  // the first call made through it.
  void* handle = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    return Fail(ErrorKind::kUnavailable, "loading {} {}: {} (Debian's package {} provides it)", soname, for_what,
                why != nullptr ? why : "unknown error", package);
  }
  return SharedLibrary(handle, soname);
}

void* SharedLibrary::Lookup(const char* name) {
  void* symbol = ::dlsym(handle_, name);
  if (symbol == nullptr) missing_ += (missing_.empty() ? "" : ", ") + std::string(name);
  return symbol;
}

Status SharedLibrary::Complete(std::string_view requirement) const {
  if (missing_.empty()) return {};
  return Fail(ErrorKind::kUnavailable, "{} lacks {}: {}", soname_, missing_, requirement);
}

}  // namespace manifold::util
