// What the OCI runtime's log says went wrong, with what to do where manifold knows.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace manifold::executor::internal {

/// The "error" entries of a runc/crun JSON log (one object a line), joined with "; ".
std::string RuntimeErrors(const std::filesystem::path& log);

/// `errors` with a hint appended when manifold knows the cause: a fresh /proc refused (in a
/// user namespace, inside a container whose own /proc has masked paths). Else `errors`.
std::string WithRuntimeHint(std::string errors);

}  // namespace manifold::executor::internal
