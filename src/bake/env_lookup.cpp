// ProcessEnv: getenv behind the EnvLookup seam.
#include "bake/env_lookup.hpp"

#include <cstdlib>

namespace manifold::bake {

EnvLookup ProcessEnv() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

}  // namespace manifold::bake
