// CheckLogin: GET /v2/ through the Authorizer.
#include "registry/login.hpp"

namespace manifold::registry {

util::Status CheckLogin(Registry& registry) {
  HttpRequest request;
  request.url = registry.BaseUrl() + "/v2/";
  auto response = registry.Do(std::move(request), "");
  if (!response) return std::unexpected(std::move(response.error()).Context("logging in to {}", registry.host()));
  if (response->status == 200) return {};
  return std::unexpected(StatusError(*response).Context("logging in to {}", registry.host()));
}

}  // namespace manifold::registry
