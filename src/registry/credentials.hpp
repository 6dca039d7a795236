// TEMPORARY (lead's branch): the Credential type; the regref branch brings the real file.
#pragma once
#include <string>
namespace manifold::registry {
struct Credential {
  std::string username, password, identity_token;
  bool empty() const { return username.empty() && password.empty() && identity_token.empty(); }
};
}  // namespace manifold::registry
