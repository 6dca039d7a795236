// registry::Registry: one registry host spoken to over HTTP(S), with auth and bounded retries.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "registry/auth.hpp"
#include "registry/http.hpp"
#include "util/error.hpp"

namespace manifold::registry {

/// How hard to try before giving up on a request: connection errors, 5xx and 429 are retried
/// with exponential backoff (429/503 honour Retry-After), bounded in attempts and total time.
struct RetryPolicy {
  int attempts = 5;
  std::chrono::milliseconds first_backoff{200};
  std::chrono::milliseconds max_backoff{5000};
  std::chrono::seconds give_up_after{120};
};

struct RegistryOptions {
  bool plain_http = false;        ///< talk http:// (loopback registries, insecure ones)
  TlsOptions tls;
  CredentialSource credentials;   ///< empty = anonymous
  RetryPolicy retry;
  TransferLimits limits;          ///< the documented defaults (registry/limits.hpp)
};

/// A registry host (`localhost:5000`, `registry-1.docker.io`). Requests go through Do(), which
/// adds authorization for the request's scope, answers 401 challenges once, and retries what is
/// worth retrying. Thread-safe; share one per host for connection and token reuse.
class Registry {
 public:
  Registry(std::string host, RegistryOptions options);

  const std::string& host() const { return host_; }
  /// "http://host" or "https://host".
  std::string BaseUrl() const;
  const TransferLimits& limits() const { return options_.limits; }
  const RetryPolicy& retry() const { return options_.retry; }

  /// Sends `request` (a URL on this host, or elsewhere for redirects/Location) needing `scope`
  /// ("repository:team/app:pull,push"). Returns the final response whatever its status, so
  /// callers turn statuses into errors with their own context (see StatusError()). Transport
  /// errors are retried only while no response body was delivered to request.on_body. A
  /// request whose body and response stay in memory (no fd body, no on_body) gets the
  /// document deadline of TransferLimits unless it has its own, and a response kept in memory
  /// is bounded by TransferLimits::manifest_bytes unless request.max_body says otherwise.
  util::Result<HttpResponse> Do(HttpRequest request, std::string_view scope);

 private:
  std::string host_;
  RegistryOptions options_;
  HttpClient http_;
  Authorizer auth_;
};

/// An error for an unexpected response: "HTTP 404 MANIFEST_UNKNOWN: manifest unknown", its kind
/// by status (401/403 kPermissionDenied, 404 kNotFound, 429/5xx kUnavailable, other
/// kInvalidArgument). The registry's text is made safe for a terminal and cut to a few hundred
/// characters. The caller adds which registry, repository and object it was about.
util::Error StatusError(const HttpResponse& response);

/// The registry's error code in a response's body ("BLOB_UPLOAD_UNKNOWN"), or "".
std::string ErrorCode(const HttpResponse& response);

}  // namespace manifold::registry
