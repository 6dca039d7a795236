// registry::internal::CurlLibrary: libcurl, loaded when the first request needs it.
#pragma once

#include <curl/curl.h>

#include "util/error.hpp"

namespace manifold::registry::internal {

/// The libcurl entry points manifold calls, resolved from libcurl.so.4 by dlopen. Why not
/// linked: libcurl brings about 27 more shared libraries (TLS, Kerberos, LDAP, IDN, SSH, …)
/// whose loading and relocation cost every process 300 page faults and ~12 ms at start, for
/// commands that never speak HTTP as much as for a no-op rebuild (bench/all.sh wl3).
struct CurlLibrary {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_reset) easy_reset;
  decltype(&::curl_easy_perform) easy_perform;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
};

/// Loads libcurl and runs curl_global_init() once per process; every later call (from any
/// thread) returns the same result. Errors (kUnavailable): the library is missing or lacks an
/// entry point, with dlerror()'s words and the Debian package that provides it.
util::Result<const CurlLibrary*> LoadCurl();

/// The library LoadCurl() loaded. Only after a LoadCurl() that succeeded (asserted).
const CurlLibrary& Curl();

}  // namespace manifold::registry::internal
