// HttpClient on libcurl's easy interface: a pool of handles, each keeping its connections alive.
#include "registry/http.hpp"

#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <mutex>
#include <thread>

#include "registry/internal/ascii.hpp"
#include "registry/internal/curl_library.hpp"
#include "util/terminal_text.hpp"

namespace manifold::registry {
namespace {

using internal::AsciiLower;
using internal::Curl;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
    text.remove_suffix(1);
  return text;
}

// Everything one transfer's callbacks need.
struct Transfer {
  CURL* curl = nullptr;
  const HttpRequest* request = nullptr;
  int64_t error_body_limit = 0;
  HttpResponse response;
  uint64_t body_sent = 0;
  int64_t body_received = 0;  // of a 2xx body, whether kept or handed to on_body
  bool started = false;
  util::Status callback_status;
};

util::Error TooLarge(const HttpRequest& request, std::string_view what) {
  return util::Error(util::ErrorKind::kInvalidArgument,
                     fmt::format("{} {}: the response {} the limit of {} bytes; the rest was not read", request.method,
                                 util::SanitizeForTerminal(request.url), what, request.max_body));
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  // Each response of a redirect chain (and a 100 Continue) starts with its status line: keep
  // only the last response's headers.
  if (line.starts_with("HTTP/")) {
    t->response.headers.clear();
    return size * count;
  }
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    t->response.headers.emplace(AsciiLower(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1))));
  }
  return size * count;
}

size_t OnWrite(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  long status = 0;
  Curl().easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
  size_t n = size * count;
  if (status < 200 || status >= 300) {
    // Only the start of an error body is read: enough for the message, and an endless one
    // ends here (Do() turns this abort back into the response).
    auto room = static_cast<size_t>(std::max<int64_t>(0, t->error_body_limit - static_cast<int64_t>(t->response.body.size())));
    t->response.body.append(data, std::min(n, room));
    if (n > room) {
      t->response.body_truncated = true;
      return 0;
    }
    return n;
  }
  if (const int64_t max = t->request->max_body; max >= 0) {
    if (t->body_received == 0) {
      curl_off_t announced = -1;
      Curl().easy_getinfo(t->curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
      if (announced > max) {
        t->callback_status = std::unexpected(TooLarge(*t->request, fmt::format("announces {} bytes, over", announced)));
        return 0;
      }
    }
    if (t->body_received + static_cast<int64_t>(n) > max) {
      t->callback_status = std::unexpected(TooLarge(*t->request, "goes on past"));
      return 0;
    }
  }
  t->body_received += static_cast<int64_t>(n);
  if (t->request->on_body) {
    if (!t->started && t->request->on_start) {
      auto st = t->request->on_start(status);
      if (!st) {
        t->callback_status = std::move(st);
        return 0;
      }
    }
    t->started = true;
    auto st = t->request->on_body(std::span<const char>(data, n));
    if (!st) {
      t->callback_status = std::move(st);
      return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    return n;
  }
  t->response.body.append(data, n);
  return n;
}

size_t OnRead(char* buffer, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const RequestBody& body = t->request->body;
  size_t want = size * count;
  if (body.fd >= 0) {
    uint64_t left = body.length - t->body_sent;
    want = static_cast<size_t>(std::min<uint64_t>(want, left));
    if (want == 0) return 0;
    ssize_t got;
    do {
      got = pread(body.fd, buffer, want, static_cast<off_t>(body.offset + t->body_sent));
    } while (got < 0 && errno == EINTR);
    if (got <= 0) return CURL_READFUNC_ABORT;
    t->body_sent += static_cast<uint64_t>(got);
    return static_cast<size_t>(got);
  }
  uint64_t left = body.bytes.size() - t->body_sent;
  want = static_cast<size_t>(std::min<uint64_t>(want, left));
  std::copy_n(body.bytes.data() + t->body_sent, want, buffer);
  t->body_sent += want;
  return want;
}

int OnSeek(void* user, curl_off_t offset, int origin) {
  auto* t = static_cast<Transfer*>(user);
  if (origin != SEEK_SET || offset < 0) return CURL_SEEKFUNC_CANTSEEK;
  t->body_sent = static_cast<uint64_t>(offset);
  return CURL_SEEKFUNC_OK;
}

bool HasBody(const RequestBody& body) { return body.fd >= 0 || !body.bytes.empty(); }

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  auto it = headers.find(AsciiLower(name));
  return it == headers.end() ? std::string() : it->second;
}

// Idle easy handles. A handle keeps its connection cache across curl_easy_reset(), so taking
// one from the pool reuses its kept-alive connections.
struct HttpClient::Pool {
  std::mutex mu;
  std::vector<CURL*> idle;
  ~Pool() {
    for (CURL* c : idle) Curl().easy_cleanup(c);
  }
  CURL* Take() {
    {
      std::lock_guard lock(mu);
      if (!idle.empty()) {
        CURL* c = idle.back();
        idle.pop_back();
        Curl().easy_reset(c);
        return c;
      }
    }
    return Curl().easy_init();
  }
  void Give(CURL* c) {
    std::lock_guard lock(mu);
    idle.push_back(c);
  }
};

std::jthread StartLoadingHttp() {
  return std::jthread([] { (void)internal::LoadCurl(); });
}

HttpClient::HttpClient(TlsOptions tls, TransferLimits limits)
    : tls_(std::move(tls)), limits_(limits), pool_(std::make_unique<Pool>()) {}

HttpClient::~HttpClient() = default;

util::Result<HttpResponse> HttpClient::Do(const HttpRequest& request) {
  MANIFOLD_CHECK(internal::LoadCurl());
  CURL* curl = pool_->Take();
  if (!curl) return util::Fail(util::ErrorKind::kInternal, "libcurl could not make a handle");
  struct Giver {
    Pool* pool;
    CURL* curl;
    ~Giver() { pool->Give(curl); }
  } giver{pool_.get(), curl};

  // A URL may come from a peer (a Location header, a token realm): nothing but http(s) is
  // spoken, whatever libcurl was built with (gopher://, file://, dict://… would let a peer aim
  // our bytes at another service or read local files).
  if (!request.url.starts_with("http://") && !request.url.starts_with("https://")) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "{} {}: only http and https URLs are followed", request.method,
                      util::SanitizeForTerminal(request.url));
  }

  Transfer t;
  t.curl = curl;
  t.request = &request;
  t.error_body_limit = limits_.error_body_bytes;
  char error_buffer[CURL_ERROR_SIZE] = {0};

  Curl().easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  Curl().easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  Curl().easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  // Never resend credentials to the host a redirect points at (the default; said here so that
  // it stays so): libcurl then drops Authorization, ours included, on a change of host, port
  // or scheme.
  Curl().easy_setopt(curl, CURLOPT_UNRESTRICTED_AUTH, 0L);
  Curl().easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM-based DNS timeouts
  Curl().easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  Curl().easy_setopt(curl, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  Curl().easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(limits_.connect_timeout.count()));
  // A stalled or trickling transfer fails instead of hanging; a slow but moving one is fine.
  Curl().easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(limits_.low_speed_bytes));
  Curl().easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(limits_.low_speed_time.count()));
  if (request.deadline.count() > 0) Curl().easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(request.deadline.count()));
  Curl().easy_setopt(curl, CURLOPT_FOLLOWLOCATION, request.follow_redirects ? 1L : 0L);
  Curl().easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(limits_.max_redirects));
  Curl().easy_setopt(curl, CURLOPT_USERAGENT, "manifold");
  Curl().easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  Curl().easy_setopt(curl, CURLOPT_HEADERDATA, &t);
  Curl().easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnWrite);
  Curl().easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  if (!tls_.ca_file.empty()) {
    // CAINFO replaces the default bundle; CAPATH keeps the system's CAs trusted too.
    Curl().easy_setopt(curl, CURLOPT_CAINFO, tls_.ca_file.c_str());
    Curl().easy_setopt(curl, CURLOPT_CAPATH, "/etc/ssl/certs");
  }
  if (tls_.skip_verify) {
    Curl().easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    Curl().easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!tls_.client_cert.empty()) Curl().easy_setopt(curl, CURLOPT_SSLCERT, tls_.client_cert.c_str());
  if (!tls_.client_key.empty()) Curl().easy_setopt(curl, CURLOPT_SSLKEY, tls_.client_key.c_str());

  struct curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers = Curl().slist_append(headers, (name + ": " + value).c_str());
  }
  // Registries answer 100-continue fine, but waiting for it costs a round trip per upload.
  headers = Curl().slist_append(headers, "Expect:");
  Curl().easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  struct SlistFree {
    curl_slist* list;
    ~SlistFree() { Curl().slist_free_all(list); }
  } free_headers{headers};

  const std::string& method = request.method;
  if (method == "HEAD") {
    Curl().easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (HasBody(request.body) || method == "PUT" || method == "PATCH") {
    uint64_t length = request.body.fd >= 0 ? request.body.length : request.body.bytes.size();
    Curl().easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    Curl().easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(length));
    Curl().easy_setopt(curl, CURLOPT_READFUNCTION, OnRead);
    Curl().easy_setopt(curl, CURLOPT_READDATA, &t);
    Curl().easy_setopt(curl, CURLOPT_SEEKFUNCTION, OnSeek);
    Curl().easy_setopt(curl, CURLOPT_SEEKDATA, &t);
    if (method != "PUT") Curl().easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  } else if (method == "POST") {
    Curl().easy_setopt(curl, CURLOPT_POST, 1L);
    Curl().easy_setopt(curl, CURLOPT_POSTFIELDS, "");
    Curl().easy_setopt(curl, CURLOPT_POSTFIELDSIZE, 0L);
  } else if (method != "GET") {
    Curl().easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  }

  CURLcode code = Curl().easy_perform(curl);
  if (!t.callback_status) return std::unexpected(std::move(t.callback_status.error()));
  if (code == CURLE_WRITE_ERROR && t.response.body_truncated) code = CURLE_OK;  // see OnWrite
  if (code != CURLE_OK) {
    std::string reason = error_buffer[0] ? error_buffer : Curl().easy_strerror(code);
    if (code == CURLE_OPERATION_TIMEDOUT && request.deadline.count() > 0) {
      reason += fmt::format(" (deadline {} s for the whole request, or under {} bytes/s for {} s)",
                            request.deadline.count(), limits_.low_speed_bytes, limits_.low_speed_time.count());
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
      reason += fmt::format(" (under {} bytes/s for {} s)", limits_.low_speed_bytes, limits_.low_speed_time.count());
    } else if (code == CURLE_TOO_MANY_REDIRECTS) {
      reason += fmt::format(" (at most {} redirects are followed)", limits_.max_redirects);
    }
    return util::Fail(util::ErrorKind::kUnavailable, "{} {}: {}", method, util::SanitizeForTerminal(request.url),
                      util::SanitizeForTerminal(reason));
  }
  Curl().easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &t.response.status);
  char* effective = nullptr;
  Curl().easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
  if (effective) t.response.effective_url = effective;
  return std::move(t.response);
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace manifold::registry
