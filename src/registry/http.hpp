// registry::HttpClient: HTTP requests over libcurl with connection reuse, TLS settings and
// streamed bodies; it knows nothing of registries (auth and retries live above it).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "registry/limits.hpp"
#include "util/error.hpp"

namespace manifold::registry {

/// Where a request's body comes from: nothing, bytes in memory, or a range of an open file
/// (blobs are streamed, never loaded whole).
struct RequestBody {
  std::string bytes;
  int fd = -1;              ///< when >= 0, the body is [offset, offset+length) of this file
  uint64_t offset = 0;
  uint64_t length = 0;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  RequestBody body;
  /// When set, a 2xx response's body is handed here piece by piece instead of being kept in
  /// HttpResponse::body (error bodies are always kept, for messages). Returning an error aborts
  /// the transfer and Do() returns that error.
  std::function<util::Status(std::span<const char>)> on_body;
  /// Called once with the status of a 2xx response before its first on_body piece (a GET
  /// with Range learns whether it got 206 or the whole body again).
  std::function<util::Status(long status)> on_start;
  /// Redirects are followed (blob GETs go to storage backends), to http(s) URLs only and at
  /// most TransferLimits::max_redirects hops; libcurl drops Authorization (ours included) when
  /// the host, port or scheme changes.
  bool follow_redirects = true;
  /// The most bytes a 2xx body may have (-1: unbounded). A Content-Length above it, or one more
  /// byte, ends the transfer at once with a kInvalidArgument error naming the limit.
  int64_t max_body = -1;
  /// A deadline for the whole request (0: none; connect and low-speed limits still apply).
  std::chrono::seconds deadline{0};
};

struct HttpResponse {
  long status = 0;
  /// Header names lower-cased; the last response's headers only (after redirects).
  std::multimap<std::string, std::string> headers;
  std::string body;
  std::string effective_url;
  /// True when an error body was longer than TransferLimits::error_body_bytes: `body` holds
  /// its start only (the rest was never read).
  bool body_truncated = false;
  /// The first value of a header (name in any case), or "".
  std::string Header(std::string_view name) const;
};

/// Per-client TLS settings.
struct TlsOptions {
  std::string ca_file;          ///< extra CA bundle (PEM); "" = system CAs only
  bool skip_verify = false;     ///< registry marked insecure for TLS
  std::string client_cert, client_key;
};

/// Performs HTTP requests. Connections are kept alive and reused between requests (a pool of
/// libcurl handles, each keeping its own connection cache); HTTP/2 is used where the server
/// offers it over TLS. Only http and https are spoken (libcurl's other protocols are off, for
/// redirects too). Error bodies are kept up to `limits.error_body_bytes`; connect and low-speed
/// limits apply to every transfer. Thread-safe: any number of threads may call Do() at once.
/// Starts loading the HTTP library (libcurl, which manifold loads at run time) on a thread of
/// its own, so that a command about to speak to a registry finds it loaded instead of waiting
/// ~10 ms for it on its first request; that request waits for the load if it is still under
/// way. The returned thread joins when destroyed: keep it until the command has returned, so
/// that the process never exits during the load (exit handlers, OpenSSL's cleanup among them,
/// would run under curl_global_init; a usage error crashed that way). Call it at most once,
/// before anything forks (executor::EnterUserNamespace).
[[nodiscard]] std::jthread StartLoadingHttp();

class HttpClient {
 public:
  explicit HttpClient(TlsOptions tls = {}, TransferLimits limits = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// Sends one request and returns the response, whatever its status. Errors are transport
  /// failures (kUnavailable: connection refused/reset, timeouts, TLS failures), naming the
  /// URL and libcurl's reason, a body over request.max_body (kInvalidArgument), a URL of
  /// another scheme than http(s) (kInvalidArgument), or the on_body callback's error.
  util::Result<HttpResponse> Do(const HttpRequest& request);

  const TransferLimits& limits() const { return limits_; }

 private:
  struct Pool;
  TlsOptions tls_;
  TransferLimits limits_;
  std::unique_ptr<Pool> pool_;
};

/// Percent-encodes a query parameter value.
std::string UrlEncode(std::string_view text);

}  // namespace manifold::registry
