// The credential-helper protocol: JSON over stdin/stdout of a small program.
#include "registry/credential_helper.hpp"

#include <nlohmann/json.hpp>

#include "util/subprocess.hpp"

namespace manifold::registry {
namespace {

constexpr std::string_view kNotFound = "credentials not found";

util::Result<util::ProcessResult> Run(std::string_view helper, std::string_view verb, std::string_view input) {
  std::string program = "docker-credential-" + std::string(helper);
  auto result = util::RunProcess({program, std::string(verb)}, input);
  if (!result) return std::unexpected(std::move(result.error()).Context("credential helper {}", program));
  return result;
}

bool SaysNotFound(const util::ProcessResult& r) {
  return r.out.find(kNotFound) != std::string::npos || r.err.find(kNotFound) != std::string::npos;
}

// What a failing helper said, without anything that could be a secret: its first line, cut.
std::string Reason(const util::ProcessResult& r) {
  std::string text = r.err.empty() ? r.out : r.err;
  text = text.substr(0, text.find('\n')).substr(0, 120);
  return text.empty() ? "exit status " + std::to_string(r.exit_code) : text;
}

}  // namespace

util::Result<Credential> HelperGet(std::string_view helper, std::string_view server) {
  auto r = MANIFOLD_TRY(Run(helper, "get", server));
  if (r.exit_code != 0) {
    if (SaysNotFound(r)) return Credential{};
    return util::Fail(util::ErrorKind::kUnavailable, "docker-credential-{} get {}: {}", helper, server, Reason(r));
  }
  auto json = nlohmann::json::parse(r.out, nullptr, false);
  if (!json.is_object()) {
    return util::Fail(util::ErrorKind::kInvalidArgument, "docker-credential-{} get {}: its answer is not JSON", helper, server);
  }
  Credential c;
  std::string user = json.value("Username", std::string());
  std::string secret = json.value("Secret", std::string());
  if (user == "<token>") {
    c.identity_token = secret;
  } else {
    c.username = user;
    c.password = secret;
  }
  return c;
}

util::Status HelperStore(std::string_view helper, std::string_view server, const Credential& credential) {
  nlohmann::json body = {{"ServerURL", server},
                         {"Username", credential.identity_token.empty() ? credential.username : "<token>"},
                         {"Secret", credential.identity_token.empty() ? credential.password : credential.identity_token}};
  auto r = MANIFOLD_TRY(Run(helper, "store", body.dump()));
  if (r.exit_code != 0) {
    // A helper may echo what it was given; the secret never reaches our messages.
    std::string reason = Reason(r);
    for (const std::string& secret : {credential.password, credential.identity_token}) {
      for (size_t at; !secret.empty() && (at = reason.find(secret)) != std::string::npos;) reason.replace(at, secret.size(), "***");
    }
    return util::Fail(util::ErrorKind::kUnavailable, "docker-credential-{} store {}: {}", helper, server, reason);
  }
  return {};
}

util::Status HelperErase(std::string_view helper, std::string_view server) {
  auto r = MANIFOLD_TRY(Run(helper, "erase", server));
  if (r.exit_code != 0) {
    if (SaysNotFound(r)) return util::Fail(util::ErrorKind::kNotFound, "not logged in to {}", server);
    return util::Fail(util::ErrorKind::kUnavailable, "docker-credential-{} erase {}: {}", helper, server, Reason(r));
  }
  return {};
}

}  // namespace manifold::registry
