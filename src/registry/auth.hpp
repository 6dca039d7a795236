// registry::Authorizer: the distribution auth flows (anonymous, Basic, Bearer tokens per scope).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "registry/credentials.hpp"
#include "registry/http.hpp"
#include "util/error.hpp"

namespace manifold::registry {

/// Supplies the credentials for a registry host; an empty Credential means anonymous.
using CredentialSource = std::function<util::Result<Credential>(std::string_view host)>;

/// One challenge of a `WWW-Authenticate` header: `Bearer realm="…",service="…",scope="…"`.
struct Challenge {
  std::string scheme;                         ///< lower-case: "bearer", "basic"
  std::map<std::string, std::string> params;  ///< keys lower-case, values unquoted
};

/// Parses a WWW-Authenticate value (RFC 7235 §4.1: one or more challenges, quoted strings with
/// backslash escapes). Unparseable text gives no challenges.
std::vector<Challenge> ParseChallenges(std::string_view header);

/// Holds what one registry host asked for and what it granted. The first request of a scope
/// goes out without credentials (or with what is already known); a 401 teaches the scheme:
/// Basic sends the credentials on every request from then on; Bearer fetches a token for the
/// request's scope from the realm (with the credentials as Basic auth, or the identity token as
/// an OAuth2 refresh token), caches it per scope until it expires, and fetches a new one when
/// it has. Credentials and tokens never appear in errors. Thread-safe.
///
/// Realms are followed only over https, or plain http when the realm is on loopback or the
/// registry itself is spoken to over plain HTTP (`plain_http`); any other scheme is refused.
/// The credentials go to a realm on another host than the registry only over https (as
/// docker does): a plain-HTTP realm elsewhere gets anonymous requests only, and a request that
/// needs the credentials there is refused with an error saying so.
class Authorizer {
 public:
  Authorizer(std::string host, CredentialSource credentials, HttpClient& http, bool plain_http = false)
      : host_(std::move(host)), credentials_(std::move(credentials)), http_(http), plain_http_(plain_http) {}

  /// The Authorization header value for a request needing `scope` ("repository:a/b:pull"; scopes
  /// separated by spaces), "" when none is known yet. May fetch a fresh token.
  util::Result<std::string> HeaderFor(std::string_view scope);

  /// Learns from a 401 response to a request sent with Authorization `sent` ("" = none) and
  /// obtains what `scope` needs. kPermissionDenied when the registry or its token service
  /// refuses the credentials (or anonymous access).
  util::Status OnUnauthorized(const HttpResponse& response, std::string_view scope, std::string_view sent);

 private:
  struct Token {
    std::string value;
    std::chrono::steady_clock::time_point expires;
  };
  util::Result<Token> FetchToken(std::string_view scope);
  util::Result<Credential> Credentials();

  std::string host_;
  CredentialSource credentials_;
  HttpClient& http_;
  bool plain_http_;
  std::mutex mu_;
  bool basic_ = false;
  std::string realm_, service_;  // bearer challenge, once seen
  std::map<std::string, Token, std::less<>> tokens_;
  bool have_credentials_ = false;
  Credential credential_;
};

/// The scheme ("https", lower-case) and host name (no port, no brackets) of an absolute URL;
/// empty strings when it has none.
struct UrlOrigin {
  std::string scheme, host;
};
UrlOrigin OriginOf(std::string_view url);


}  // namespace manifold::registry
