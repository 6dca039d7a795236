// registry::credential_helper: the docker-credential-<name> program protocol (get/store/erase).
#pragma once

#include <string>
#include <string_view>

#include "registry/credentials.hpp"
#include "util/error.hpp"

namespace manifold::registry {

/// `docker-credential-<helper> get` for `server`: the credential, an empty one when the helper
/// says it has none ("credentials not found"). A helper username of "<token>" means the secret
/// is an identity token. Errors name the helper, never the secret.
util::Result<Credential> HelperGet(std::string_view helper, std::string_view server);
/// `docker-credential-<helper> store`.
util::Status HelperStore(std::string_view helper, std::string_view server, const Credential& credential);
/// `docker-credential-<helper> erase`; kNotFound when the helper had nothing.
util::Status HelperErase(std::string_view helper, std::string_view server);

}  // namespace manifold::registry
