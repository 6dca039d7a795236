// LocalRegistry: drives tests/support/registry/start and stop, the launcher the shell tests use.
#include "support/registry_launcher.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace manifold::testing {

namespace {

std::filesystem::path SourceDir() {
  const char* env = std::getenv("MANIFOLD_SOURCE_DIR");  // set by ctest
  return env != nullptr && *env != '\0' ? std::filesystem::path(env) : std::filesystem::path(MANIFOLD_SOURCE_DIR);
}

}  // namespace

std::unique_ptr<LocalRegistry> LocalRegistry::Start(std::string* why_not) {
  std::filesystem::path scripts = SourceDir() / "tests/support/registry";
  if (!std::filesystem::exists(scripts / "start")) {
    *why_not = "no " + (scripts / "start").string();
    return nullptr;
  }
  if (std::system("command -v docker-registry >/dev/null 2>&1") != 0) {
    *why_not = "no docker-registry (scripts/setup installs it)";
    return nullptr;
  }
  std::unique_ptr<LocalRegistry> registry(new LocalRegistry());
  registry->scripts_ = scripts;
  std::string command =
      (scripts / "start").string() + " plain " + registry->state().string() + " >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) {
    // The state dir goes with `registry`: keep the end of the log in the message.
    std::ifstream log(registry->state() / "registry.log");
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    if (text.size() > 2000) text = text.substr(text.size() - 2000);
    *why_not = "docker-registry did not start: " + text;
    registry->scripts_.clear();  // nothing running to stop
    return nullptr;
  }
  std::ifstream env(registry->state() / "env");
  for (std::string line; std::getline(env, line);) {
    if (line.starts_with("REGISTRY=")) registry->host_ = line.substr(9);
  }
  if (registry->host_.empty()) {
    *why_not = "the registry launcher wrote no REGISTRY= line";
    return nullptr;
  }
  return registry;
}

LocalRegistry::~LocalRegistry() {
  if (scripts_.empty()) return;
  std::string command = (scripts_ / "stop").string() + " " + state().string() + " >/dev/null 2>&1";
  (void)std::system(command.c_str());
}

}  // namespace manifold::testing
