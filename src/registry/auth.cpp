// Authorizer: WWW-Authenticate parsing and the Basic / Bearer token flows of the distribution spec.
#include "registry/auth.hpp"


#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "registry/hosts.hpp"
#include "registry/internal/ascii.hpp"
#include "util/base64.hpp"
#include "util/terminal_text.hpp"

namespace manifold::registry {
namespace {

using internal::AsciiLower;

bool IsTokenChar(char c) { return c != ' ' && c != '\t' && c != ',' && c != '=' && c != '"'; }

// The token service's scope parameters: one per space-separated scope.
std::string ScopeQuery(std::string_view scope) {
  std::string out;
  size_t start = 0;
  while (start < scope.size()) {
    size_t end = scope.find(' ', start);
    if (end == std::string_view::npos) end = scope.size();
    if (end > start) out += "&scope=" + UrlEncode(scope.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The host a domain names without its port: "127.0.0.1:5000" → "127.0.0.1", "[::1]:5000" → "::1".
std::string HostName(std::string_view authority) {
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (authority.starts_with("[")) {
    auto close = authority.find(']');
    return AsciiLower(authority.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
  }
  return AsciiLower(authority.substr(0, authority.find(':')));
}

}  // namespace

UrlOrigin OriginOf(std::string_view url) {
  auto colon = url.find("://");
  if (colon == std::string_view::npos) return {};
  std::string_view rest = url.substr(colon + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  return UrlOrigin{AsciiLower(url.substr(0, colon)), HostName(rest)};
}

std::vector<Challenge> ParseChallenges(std::string_view header) {
  std::vector<Challenge> out;
  size_t i = 0;
  auto skip = [&] {
    while (i < header.size() && (header[i] == ' ' || header[i] == '\t' || header[i] == ',')) ++i;
  };
  while (true) {
    skip();
    if (i >= header.size()) break;
    size_t start = i;
    while (i < header.size() && IsTokenChar(header[i])) ++i;
    std::string word(header.substr(start, i - start));
    if (word.empty()) return {};  // a stray quote or '='
    size_t after = i;
    while (after < header.size() && (header[after] == ' ' || header[after] == '\t')) ++after;
    if (after < header.size() && header[after] == '=' && !out.empty()) {
      i = after + 1;
      while (i < header.size() && (header[i] == ' ' || header[i] == '\t')) ++i;
      std::string value;
      if (i < header.size() && header[i] == '"') {
        ++i;
        while (i < header.size() && header[i] != '"') {
          if (header[i] == '\\' && i + 1 < header.size()) ++i;
          value += header[i++];
        }
        if (i >= header.size()) return {};  // unterminated quoted string
        ++i;
      } else {
        size_t vstart = i;
        while (i < header.size() && header[i] != ',' && header[i] != ' ') ++i;
        value = std::string(header.substr(vstart, i - vstart));
      }
      out.back().params[AsciiLower(word)] = value;
    } else {
      out.push_back(Challenge{AsciiLower(word), {}});
    }
  }
  return out;
}

util::Result<Credential> Authorizer::Credentials() {
  if (!have_credentials_) {
    if (credentials_) {
      auto got = credentials_(host_);
      if (!got) return std::unexpected(std::move(got.error()).Context("reading credentials for {}", host_));
      credential_ = std::move(*got);
    }
    have_credentials_ = true;
  }
  return credential_;
}

util::Result<std::string> Authorizer::HeaderFor(std::string_view scope) {
  std::lock_guard lock(mu_);
  if (basic_) {
    auto cred = MANIFOLD_TRY(Credentials());
    if (cred.username.empty()) return std::string();
    return "Basic " + util::Base64Encode(cred.username + ":" + cred.password);
  }
  if (realm_.empty()) return std::string();
  auto it = tokens_.find(scope);
  // A token about to expire is replaced before use rather than after a 401.
  if (it == tokens_.end() || it->second.expires <= std::chrono::steady_clock::now() + std::chrono::seconds(5)) {
    auto token = MANIFOLD_TRY(FetchToken(scope));
    it = tokens_.insert_or_assign(std::string(scope), std::move(token)).first;
  }
  return "Bearer " + it->second.value;
}

util::Status Authorizer::OnUnauthorized(const HttpResponse& response, std::string_view scope,
                                        std::string_view sent) {
  std::lock_guard lock(mu_);
  auto challenges = ParseChallenges(response.Header("www-authenticate"));
  for (const auto& c : challenges) {
    if (c.scheme == "bearer" && c.params.contains("realm")) {
      const std::string& realm = c.params.at("realm");
      UrlOrigin origin = OriginOf(realm);
      bool loopback = IsLoopbackHost(origin.host == "::1" ? "[::1]" : origin.host);
      if (origin.scheme != "https" && !(origin.scheme == "http" && (loopback || plain_http_))) {
        return util::Fail(util::ErrorKind::kPermissionDenied,
                          "{}: the registry's token realm {} is not followed: token realms must be https "
                          "(plain http only on loopback or for a registry spoken to over plain HTTP)",
                          host_, util::SanitizeForTerminal(realm));
      }
      realm_ = realm;
      service_ = c.params.contains("service") ? c.params.at("service") : std::string();
      // Sent without a token while another thread was fetching one: use that one.
      if (auto have = tokens_.find(scope); sent.empty() && have != tokens_.end() &&
                                           have->second.expires > std::chrono::steady_clock::now()) {
        return {};
      }
      // Always a fresh token: the one we sent may have expired early (clock skew) or lack the
      // scope; the caller re-sends once, so a second 401 is reported, not looped on.
      auto token = MANIFOLD_TRY(FetchToken(scope));
      tokens_.insert_or_assign(std::string(scope), std::move(token));
      return {};
    }
  }
  for (const auto& c : challenges) {
    if (c.scheme == "basic") {
      auto cred = MANIFOLD_TRY(Credentials());
      // Another thread learned Basic while this request was in flight without credentials.
      if (basic_ && sent.empty() && !cred.username.empty()) return {};
      if (basic_ || cred.username.empty()) {
        return util::Fail(util::ErrorKind::kPermissionDenied, "{}: {}", host_,
                          cred.username.empty() ? "authentication required (run manifold login " + host_ + ")"
                                                : "the registry refused the credentials of user " + cred.username);
      }
      basic_ = true;
      return {};
    }
  }
  return util::Fail(util::ErrorKind::kPermissionDenied, "{}: HTTP 401 without a usable WWW-Authenticate challenge",
                    host_);
}

util::Result<Authorizer::Token> Authorizer::FetchToken(std::string_view scope) {
  auto cred = MANIFOLD_TRY(Credentials());
  UrlOrigin realm = OriginOf(realm_);
  const bool has_credentials = !cred.username.empty() || !cred.identity_token.empty();
  if (has_credentials && realm.scheme != "https" && realm.host != OriginOf("x://" + host_).host) {
    // As docker: a registry's secrets travel to another host only inside TLS, where a plain
    // HTTP realm elsewhere would hand them to anyone on the path (or to whoever the registry
    // chose to name).
    return util::Fail(util::ErrorKind::kPermissionDenied,
                      "{}: not sending the credentials of {} to the token service at {}: it is another host than the "
                      "registry and plain HTTP; credentials go to another host only over https",
                      host_, cred.username.empty() ? std::string("this registry") : "user " + cred.username,
                      util::SanitizeForTerminal(realm_));
  }
  HttpRequest request;
  request.max_body = http_.limits().token_bytes;
  request.deadline = http_.limits().document_deadline;
  std::string query = "service=" + UrlEncode(service_) + ScopeQuery(scope);
  if (!cred.identity_token.empty()) {
    // An identity token is an OAuth2 refresh token (docker login against an OAuth registry).
    request.method = "POST";
    request.url = realm_;
    request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    std::string form = "grant_type=refresh_token&client_id=manifold&refresh_token=" + UrlEncode(cred.identity_token) +
                       "&" + query;
    request.body.bytes = form;
  } else {
    request.url = realm_ + (realm_.find('?') == std::string::npos ? "?" : "&") + query;
    if (!cred.username.empty()) {
      request.headers.emplace_back("Authorization", "Basic " + util::Base64Encode(cred.username + ":" + cred.password));
    }
  }
  auto response = http_.Do(request);
  if (!response) {
    return std::unexpected(
        std::move(response.error()).Context("getting a token for {} from {}", host_, util::SanitizeForTerminal(realm_)));
  }
  if (response->status == 401 || response->status == 403) {
    return util::Fail(util::ErrorKind::kPermissionDenied, "{}: the token service refused {} (HTTP {})", host_,
                      cred.username.empty() ? std::string("anonymous access") : "the credentials of user " + cred.username,
                      response->status);
  }
  if (response->status != 200) {
    return util::Fail(util::ErrorKind::kUnavailable, "{}: the token service answered HTTP {}", host_, response->status);
  }
  auto json = nlohmann::json::parse(response->body, nullptr, false);
  if (!json.is_object()) return util::Fail(util::ErrorKind::kUnavailable, "{}: the token service sent no JSON", host_);
  std::string value = json.value("token", std::string());
  if (value.empty()) value = json.value("access_token", std::string());
  if (value.empty()) return util::Fail(util::ErrorKind::kUnavailable, "{}: the token service sent no token", host_);
  // Docker treats missing or shorter lifetimes as 60 s (the spec's minimum).
  int64_t lifetime = json.value("expires_in", int64_t{60});
  if (lifetime < 60) lifetime = 60;
  return Token{std::move(value), std::chrono::steady_clock::now() + std::chrono::seconds(lifetime)};
}

}  // namespace manifold::registry
