// Loading libcurl with dlopen, once.
#include "registry/internal/curl_library.hpp"

#include <dlfcn.h>

#include <atomic>
#include <string>

namespace manifold::registry::internal {
namespace {

// libcurl's ABI has kept this soname since 2006 (curl 7.16).
constexpr const char* kSoname = "libcurl.so.4";

CurlLibrary loaded{};
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

util::Result<const CurlLibrary*> Load() {
  // RTLD_NOW: every relocation is done here, on whichever thread loads it (StartLoadingHttp's
  // when a command starts it early), not lazily on the first request's.
  void* handle = ::dlopen(kSoname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    return util::Fail(util::ErrorKind::kUnavailable,
                      "loading {} for HTTP: {} (Debian's package libcurl4 provides it)", kSoname,
                      why != nullptr ? why : "unknown error");
  }
  CurlLibrary lib{};
  std::string missing;
  bool all = Resolve(handle, "curl_global_init", &lib.global_init, &missing);
  all &= Resolve(handle, "curl_easy_init", &lib.easy_init, &missing);
  all &= Resolve(handle, "curl_easy_cleanup", &lib.easy_cleanup, &missing);
  all &= Resolve(handle, "curl_easy_reset", &lib.easy_reset, &missing);
  all &= Resolve(handle, "curl_easy_perform", &lib.easy_perform, &missing);
  all &= Resolve(handle, "curl_easy_strerror", &lib.easy_strerror, &missing);
  all &= Resolve(handle, "curl_easy_setopt", &lib.easy_setopt, &missing);
  all &= Resolve(handle, "curl_easy_getinfo", &lib.easy_getinfo, &missing);
  all &= Resolve(handle, "curl_slist_append", &lib.slist_append, &missing);
  all &= Resolve(handle, "curl_slist_free_all", &lib.slist_free_all, &missing);
  if (!all) {
    return util::Fail(util::ErrorKind::kUnavailable, "{} lacks {}: a libcurl of 7.85 or later is needed", kSoname,
                      missing);
  }
  if (CURLcode code = lib.global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK) {
    return util::Fail(util::ErrorKind::kUnavailable, "initialising libcurl: {}", lib.easy_strerror(code));
  }
  loaded = lib;
  ready.store(true, std::memory_order_release);
  return &loaded;
}

}  // namespace

util::Result<const CurlLibrary*> LoadCurl() {
  // Never unloaded: handles live in static pools until exit.
  static const util::Result<const CurlLibrary*> result = Load();
  return result;
}

const CurlLibrary& Curl() {
  MANIFOLD_ASSERT(ready.load(std::memory_order_acquire), "registry::internal::Curl() before a successful LoadCurl()");
  return loaded;
}

}  // namespace manifold::registry::internal
