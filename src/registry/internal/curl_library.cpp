// Loading libcurl with dlopen (util::SharedLibrary), once.
#include "registry/internal/curl_library.hpp"

#include <atomic>

#include "util/shared_library.hpp"

namespace manifold::registry::internal {
namespace {

// libcurl's ABI has kept this soname since 2006 (curl 7.16).
constexpr const char* kSoname = "libcurl.so.4";

CurlLibrary loaded{};
std::atomic<bool> ready{false};

util::Result<const CurlLibrary*> Load() {
  // Loaded on whichever thread asks first: StartLoadingHttp's when a command starts it early.
  auto library = MANIFOLD_TRY(util::SharedLibrary::Open(kSoname, "for HTTP", "libcurl4"));
  CurlLibrary lib{};
  library.Resolve("curl_global_init", &lib.global_init);
  library.Resolve("curl_easy_init", &lib.easy_init);
  library.Resolve("curl_easy_cleanup", &lib.easy_cleanup);
  library.Resolve("curl_easy_reset", &lib.easy_reset);
  library.Resolve("curl_easy_perform", &lib.easy_perform);
  library.Resolve("curl_easy_strerror", &lib.easy_strerror);
  library.Resolve("curl_easy_setopt", &lib.easy_setopt);
  library.Resolve("curl_easy_getinfo", &lib.easy_getinfo);
  library.Resolve("curl_slist_append", &lib.slist_append);
  library.Resolve("curl_slist_free_all", &lib.slist_free_all);
  MANIFOLD_CHECK(library.Complete("a libcurl of 7.85 or later is needed"));
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
