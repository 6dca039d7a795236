// Registry::Do: authorization, one answer to a 401, and retries with backoff.
#include "registry/client.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>

#include "util/terminal_text.hpp"

namespace manifold::registry {
namespace {

bool Retryable(long status) { return status == 429 || (status >= 500 && status != 501 && status != 505); }

// Retry-After in seconds (the HTTP-date form is rare from registries; treated as absent).
std::optional<std::chrono::milliseconds> RetryAfter(const HttpResponse& response) {
  std::string value = response.Header("retry-after");
  if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  if (value.size() > 4) value = "9999";
  return std::chrono::seconds(std::stoi(value));
}

}  // namespace

Registry::Registry(std::string host, RegistryOptions options)
    : host_(std::move(host)),
      options_(std::move(options)),
      http_(options_.tls, options_.limits),
      auth_(host_, options_.credentials, http_, options_.plain_http) {}

std::string Registry::BaseUrl() const { return (options_.plain_http ? "http://" : "https://") + host_; }

util::Result<HttpResponse> Registry::Do(HttpRequest request, std::string_view scope) {
  const auto deadline = std::chrono::steady_clock::now() + options_.retry.give_up_after;
  auto backoff = options_.retry.first_backoff;
  bool reauthorized = false;
  bool body_started = false;
  if (request.on_body) {
    auto inner = std::move(request.on_body);
    request.on_body = [inner = std::move(inner), &body_started](std::span<const char> piece) {
      body_started = true;
      return inner(piece);
    };
  }
  if (request.deadline.count() == 0 && !request.on_body && request.body.fd < 0) {
    request.deadline = options_.limits.document_deadline;
  }
  // A body kept in memory is a small document unless the caller allows more (configs).
  if (!request.on_body && request.max_body < 0) request.max_body = options_.limits.manifest_bytes;
  const size_t base_headers = request.headers.size();
  for (int attempt = 1;; ++attempt) {
    request.headers.resize(base_headers);
    auto header = MANIFOLD_TRY(auth_.HeaderFor(scope));
    if (!header.empty()) request.headers.emplace_back("Authorization", header);

    auto response = http_.Do(request);
    bool last = attempt >= options_.retry.attempts || std::chrono::steady_clock::now() + backoff > deadline;
    std::chrono::milliseconds wait = backoff;
    if (!response) {
      if (response.error().kind() != util::ErrorKind::kUnavailable || body_started || last) return response;
    } else if (response->status == 401 && !reauthorized) {
      reauthorized = true;
      MANIFOLD_CHECK(auth_.OnUnauthorized(*response, scope, header));
      continue;
    } else if (Retryable(response->status) && !last) {
      if (auto after = RetryAfter(*response)) wait = std::min(*after, std::chrono::milliseconds(30000));
    } else {
      return response;
    }
    std::this_thread::sleep_for(wait);
    backoff = std::min(backoff * 2, options_.retry.max_backoff);
  }
}

std::string ErrorCode(const HttpResponse& response) {
  auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (!json.is_object() || !json.contains("errors") || !json["errors"].is_array() || json["errors"].empty()) return {};
  const auto& first = json["errors"][0];
  if (!first.is_object() || !first.contains("code") || !first["code"].is_string()) return {};
  return first["code"].get<std::string>();
}

util::Error StatusError(const HttpResponse& response) {
  using util::ErrorKind;
  ErrorKind kind = ErrorKind::kInvalidArgument;
  if (response.status == 401 || response.status == 403) kind = ErrorKind::kPermissionDenied;
  if (response.status == 404) kind = ErrorKind::kNotFound;
  if (Retryable(response.status)) kind = ErrorKind::kUnavailable;
  std::string detail;
  // The distribution spec's error body: {"errors":[{"code":"…","message":"…","detail":…}]}.
  auto json = nlohmann::json::parse(response.body, nullptr, false);
  if (json.is_object() && json.contains("errors") && json["errors"].is_array() && !json["errors"].empty()) {
    const auto& first = json["errors"][0];
    if (first.is_object()) {
      detail = first.value("code", std::string());
      std::string message = first.value("message", std::string());
      if (!message.empty()) detail += (detail.empty() ? "" : ": ") + message;
    }
  } else if (!response.body.empty() && response.body.size() < 200 && response.body.find('<') == std::string::npos) {
    detail = response.body;
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == '\r')) detail.pop_back();
  }
  if (detail.empty() && response.body_truncated) {
    detail = fmt::format("(an error body of more than {} bytes, not read further)", response.body.size());
  }
  // The registry's words reach a terminal: no escape sequences, no forged lines, no pages.
  constexpr size_t kMaxDetail = 300;
  if (detail.size() > kMaxDetail) detail = detail.substr(0, kMaxDetail) + "…";
  detail = util::SanitizeForTerminal(detail);
  return util::Error(kind, fmt::format("HTTP {}{}{}", response.status, detail.empty() ? "" : " ", detail));
}

}  // namespace manifold::registry
