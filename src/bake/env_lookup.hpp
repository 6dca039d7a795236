// EnvLookup: how bake reads environment variables, injectable so tests need not touch the process's.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace manifold::bake {

/// Returns the variable's value, or nullopt when it is unset.
using EnvLookup = std::function<std::optional<std::string>(std::string_view)>;

/// A lookup over the process environment (getenv). Safe to call from any thread as long as
/// nothing modifies the environment meanwhile.
EnvLookup ProcessEnv();

}  // namespace manifold::bake
