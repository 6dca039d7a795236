// DockerEngine: libcurl over a unix socket, one easy handle per request (a build makes a few).
#include "registry/docker_engine.hpp"

#include <curl/curl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <functional>
#include <mutex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "registry/engine_load_response.hpp"
#include "registry/internal/curl_library.hpp"
#include "util/terminal_text.hpp"

namespace manifold::registry {

namespace {

using internal::Curl;

constexpr size_t kErrorBodyBytes = 64 * 1024;
constexpr size_t kSmallBodyBytes = 4 * 1024 * 1024;

struct EngineRequest {
  std::string method = "GET";
  std::string path;        ///< "/_ping", "/v1.41/info"
  int body_fd = -1;        ///< POST body read from here until EOF, sent chunked
  long timeout_seconds = 0;  ///< whole request; 0 = none (a load takes as long as the Engine needs)
  /// A 2xx body goes here piece by piece; else it is kept (up to kSmallBodyBytes).
  std::function<util::Status(std::string_view)> on_body;
};

struct EngineResponse {
  long status = 0;
  std::string body;
};

struct Transfer {
  CURL* curl = nullptr;
  const EngineRequest* request = nullptr;
  EngineResponse response;
  util::Status callback_status;
  int read_errno = 0;
};

size_t OnWrite(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  long status = 0;
  Curl().easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
  bool ok = status >= 200 && status < 300;
  if (ok && t->request->on_body) {
    auto fed = t->request->on_body(std::string_view(data, n));
    if (!fed) {
      t->callback_status = std::move(fed);
      return 0;
    }
    return n;
  }
  size_t limit = ok ? kSmallBodyBytes : kErrorBodyBytes;
  if (t->response.body.size() + n > limit) {
    t->callback_status = util::Fail(util::ErrorKind::kInvalidArgument, "{} {}: the answer is over {} bytes",
                                    t->request->method, t->request->path, limit);
    return 0;
  }
  t->response.body.append(data, n);
  return n;
}

size_t OnRead(char* buffer, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  ssize_t got;
  do {
    got = ::read(t->request->body_fd, buffer, size * count);
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    t->read_errno = errno;
    return CURL_READFUNC_ABORT;
  }
  return static_cast<size_t>(got);  // 0 = EOF: libcurl sends the last chunk
}

util::Result<EngineResponse> Send(const DockerEndpoint& endpoint, const EngineRequest& request) {
  MANIFOLD_CHECK(internal::LoadCurl());
  CURL* curl = Curl().easy_init();
  if (curl == nullptr) return util::Fail(util::ErrorKind::kInternal, "libcurl could not make a handle");
  struct Cleanup {
    CURL* curl;
    curl_slist* headers = nullptr;
    ~Cleanup() {
      Curl().slist_free_all(headers);
      Curl().easy_cleanup(curl);
    }
  } cleanup{curl};
  Transfer t;
  t.curl = curl;
  t.request = &request;
  char error_buffer[CURL_ERROR_SIZE] = {0};
  // The host part is ignored on a unix socket; "localhost" is what the docker CLI sends.
  std::string url = "http://localhost" + request.path;
  Curl().easy_setopt(curl, CURLOPT_URL, url.c_str());
  Curl().easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, endpoint.socket.c_str());
  Curl().easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http");
  Curl().easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  Curl().easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  Curl().easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  Curl().easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  if (request.timeout_seconds > 0) Curl().easy_setopt(curl, CURLOPT_TIMEOUT, request.timeout_seconds);
  Curl().easy_setopt(curl, CURLOPT_USERAGENT, "manifold");
  Curl().easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnWrite);
  Curl().easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  // No 100-continue round trip before the body.
  cleanup.headers = Curl().slist_append(cleanup.headers, "Expect:");
  if (request.body_fd >= 0) {
    cleanup.headers = Curl().slist_append(cleanup.headers, "Content-Type: application/x-tar");
    cleanup.headers = Curl().slist_append(cleanup.headers, "Transfer-Encoding: chunked");
    Curl().easy_setopt(curl, CURLOPT_POST, 1L);
    Curl().easy_setopt(curl, CURLOPT_READFUNCTION, OnRead);
    Curl().easy_setopt(curl, CURLOPT_READDATA, &t);
  } else if (request.method == "POST") {
    Curl().easy_setopt(curl, CURLOPT_POST, 1L);
    Curl().easy_setopt(curl, CURLOPT_POSTFIELDS, "");
    Curl().easy_setopt(curl, CURLOPT_POSTFIELDSIZE, 0L);
  }
  Curl().easy_setopt(curl, CURLOPT_HTTPHEADER, cleanup.headers);

  CURLcode code = Curl().easy_perform(curl);
  std::string where = fmt::format("the Docker Engine at {} ({})", endpoint.host, endpoint.found_by);
  if (!t.callback_status) return std::unexpected(std::move(t.callback_status.error()).Context("{}", where));
  if (t.read_errno != 0) {
    return util::Fail(util::ErrorKind::kInternal, "{}: {} {}: reading the archive to send: {}", where, request.method,
                      request.path, std::strerror(t.read_errno));
  }
  if (code == CURLE_COULDNT_CONNECT) {
    // libcurl words it as "localhost port 80", which is not where it went.
    long os_errno = 0;
    Curl().easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_errno);
    return util::Fail(util::ErrorKind::kUnavailable, "{}: nothing answers on {}{}", where, endpoint.socket.string(),
                      os_errno != 0 ? fmt::format(": {}", std::strerror(static_cast<int>(os_errno))) : "");
  }
  if (code != CURLE_OK) {
    std::string reason = error_buffer[0] ? error_buffer : Curl().easy_strerror(code);
    return util::Fail(util::ErrorKind::kUnavailable, "{}: {} {}: {}", where, request.method, request.path,
                      util::SanitizeForTerminal(reason));
  }
  Curl().easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &t.response.status);
  return std::move(t.response);
}

// The Engine's error bodies are {"message": "..."}; anything else is shown as it came.
util::Error HttpError(const DockerEndpoint& endpoint, const EngineRequest& request, const EngineResponse& response) {
  auto json = nlohmann::json::parse(response.body, nullptr, false);
  std::string message = json.is_object() && json.contains("message") && json["message"].is_string()
                            ? json["message"].get<std::string>()
                            : response.body;
  return util::Error(util::ErrorKind::kInvalidArgument,
                     fmt::format("the Docker Engine at {}: {} {}: HTTP {}: {}", endpoint.host, request.method,
                                 request.path, response.status, util::SanitizeForTerminal(message)));
}

util::Result<nlohmann::json> GetJson(const DockerEndpoint& endpoint, const std::string& path) {
  EngineRequest request{.method = "GET", .path = path, .body_fd = -1, .timeout_seconds = 60, .on_body = {}};
  auto response = MANIFOLD_TRY(Send(endpoint, request));
  if (response.status != 200) return std::unexpected(HttpError(endpoint, request, response));
  auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (!json.is_object()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "the Docker Engine at {}: GET {}: the answer is not a JSON object",
                      endpoint.host, path);
  }
  return json;
}

int ParseInt(std::string_view text) {
  int value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

}  // namespace

int CompareApiVersions(std::string_view a, std::string_view b) {
  auto part = [](std::string_view v, int i) {
    auto dot = v.find('.');
    return ParseInt(i == 0 ? v.substr(0, dot) : (dot == std::string_view::npos ? "" : v.substr(dot + 1)));
  };
  for (int i = 0; i < 2; ++i) {
    if (int d = part(a, i) - part(b, i); d != 0) return d;
  }
  return 0;
}

util::Result<DockerEngine> DockerEngine::Connect(const DockerEndpoint& endpoint) {
  EngineRequest ping{.method = "GET", .path = "/_ping", .body_fd = -1, .timeout_seconds = 10, .on_body = {}};
  auto pong = MANIFOLD_TRY(Send(endpoint, ping));
  if (pong.status != 200) return std::unexpected(HttpError(endpoint, ping, pong));
  auto version = MANIFOLD_TRY(GetJson(endpoint, "/version"));
  if (!version.contains("ApiVersion") || !version["ApiVersion"].is_string()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "the Docker Engine at {}: GET /version has no ApiVersion",
                      endpoint.host);
  }
  std::string engine_api = version["ApiVersion"].get<std::string>();
  if (CompareApiVersions(engine_api, kMinApiVersion) < 0) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "the Docker Engine at {} speaks API {}; manifold needs {} or newer", endpoint.host,
                      util::SanitizeForTerminal(engine_api), kMinApiVersion);
  }
  std::string api = CompareApiVersions(engine_api, kMaxApiVersion) < 0 ? engine_api : std::string(kMaxApiVersion);
  std::string engine_version = version.contains("Version") && version["Version"].is_string()
                                   ? util::SanitizeForTerminal(version["Version"].get<std::string>())
                                   : std::string();
  return DockerEngine(endpoint, util::SanitizeForTerminal(api), engine_version);
}

util::Result<bool> DockerEngine::UsesContainerdStore() const {
  auto info = MANIFOLD_TRY(GetJson(endpoint_, fmt::format("/v{}/info", api_version_)));
  auto status = info.find("DriverStatus");
  if (status == info.end() || !status->is_array()) return false;
  for (const auto& pair : *status) {
    if (pair.is_array() && pair.size() == 2 && pair[0] == "driver-type" && pair[1] == "io.containerd.snapshotter.v1") {
      return true;
    }
  }
  return false;
}

util::Result<EngineLoadResult> DockerEngine::Load(int archive_fd) const {
  EngineLoadResponse messages;
  EngineRequest request{.method = "POST",
                        .path = fmt::format("/v{}/images/load?quiet=1", api_version_),
                        .body_fd = archive_fd,
                        .timeout_seconds = 0,
                        .on_body = [&](std::string_view bytes) { return messages.Feed(bytes); }};
  auto response = MANIFOLD_TRY(Send(endpoint_, request));
  if (response.status < 200 || response.status >= 300) return std::unexpected(HttpError(endpoint_, request, response));
  if (auto finished = messages.Finish(); !finished) {
    return std::unexpected(std::move(finished.error()).Context("loading the image into the Docker Engine at {}",
                                                               endpoint_.host));
  }
  return EngineLoadResult{messages.loaded_names(), messages.loaded_ids()};
}

}  // namespace manifold::registry
