// util::SharedLibrary: a library opened by dlopen at first use, its entry points found by name.
#pragma once

#include <string>
#include <string_view>

#include "util/error.hpp"

namespace manifold::util {

/// A shared library opened with dlopen(RTLD_NOW | RTLD_LOCAL) and never closed (what it hands
/// out may live until exit). Used for libraries whose loading at process start would cost every
/// command (libcurl's and libarchive's dependency chains), so that only the commands that need
/// them pay. Resolve() collects the names the library lacks; Complete() reports them at once.
class SharedLibrary {
 public:
  /// Opens `soname`. Errors (kUnavailable) name it, say what it is `for_what` ("for HTTP"),
  /// give dlerror()'s words and the Debian `package` that provides it.
  static Result<SharedLibrary> Open(const char* soname, std::string_view for_what, std::string_view package);

  /// Sets `*into` to the entry point `name`, or remembers that the library lacks it.
  template <typename F>
  void Resolve(const char* name, F* into) {
    if (void* symbol = Lookup(name)) *into = reinterpret_cast<F>(symbol);
  }

  /// Fails (kUnavailable) when a Resolve() found nothing, naming every missing entry point and
  /// what is needed instead (`requirement`, e.g. "a libcurl of 7.85 or later is needed").
  Status Complete(std::string_view requirement) const;

 private:
  SharedLibrary(void* handle, const char* soname) : handle_(handle), soname_(soname) {}
  void* Lookup(const char* name);

  void* handle_;
  const char* soname_;
  std::string missing_;  // the names Resolve() did not find, comma-separated
};

}  // namespace manifold::util
