// ShellEnv: ordered variable table for shell-word expansion.
#include "frontend/dockerfile/shell_env.hpp"

#include <algorithm>

namespace manifold::frontend::dockerfile {

ShellEnv::ShellEnv(std::initializer_list<Entry> entries) {
  for (const auto& [name, value] : entries) Set(name, value);
}

ShellEnv ShellEnv::FromList(const std::vector<std::string>& assignments) {
  ShellEnv env;
  for (const std::string& assignment : assignments) {
    std::size_t eq = assignment.find('=');
    if (eq == std::string::npos) {
      env.Set(assignment, "");
    } else {
      env.Set(std::string_view(assignment).substr(0, eq),
              std::string_view(assignment).substr(eq + 1));
    }
  }
  return env;
}

void ShellEnv::Set(std::string_view name, std::string_view value) {
  for (Entry& entry : entries_) {
    if (entry.first == name) {
      entry.second.assign(value);
      return;
    }
  }
  entries_.emplace_back(std::string(name), std::string(value));
}

void ShellEnv::Unset(std::string_view name) {
  std::erase_if(entries_, [&](const Entry& entry) { return entry.first == name; });
}

std::optional<std::string_view> ShellEnv::Get(std::string_view name) const {
  for (const Entry& entry : entries_) {
    if (entry.first == name) return std::string_view(entry.second);
  }
  return std::nullopt;
}

}  // namespace manifold::frontend::dockerfile
