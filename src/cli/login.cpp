// `manifold login` / `manifold logout`: docker's commands, writing docker's config.json.
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/registry_access.hpp"
#include "registry/credentials.hpp"
#include "registry/login.hpp"
#include "registry/reference.hpp"

namespace manifold::cli {
namespace {

struct LoginFlags {
  std::string server = "docker.io";
  std::string username, password;
  bool password_stdin = false;
};

int Fail(const util::Error& error, int code = kExitFailure) {
  fmt::print(stderr, "error: {}\n", error.Describe());
  return code;
}

int RunLogin(LoginFlags flags) {
  std::string host = registry::CredentialHost(flags.server);
  if (flags.password_stdin) {
    if (!flags.password.empty()) {
      return Fail(util::Error(util::ErrorKind::kInvalidArgument, "--password and --password-stdin are mutually exclusive"),
                  kExitUsage);
    }
    if (flags.username.empty()) {
      return Fail(util::Error(util::ErrorKind::kInvalidArgument, "--password-stdin needs --username"), kExitUsage);
    }
    std::getline(std::cin, flags.password);
    if (!flags.password.empty() && flags.password.back() == '\r') flags.password.pop_back();
  } else if (!flags.password.empty()) {
    fmt::print(stderr, "WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n");
  }
  if (flags.username.empty() || flags.password.empty()) {
    return Fail(util::Error(util::ErrorKind::kInvalidArgument,
                            "login needs -u USER and a password (-p, or --password-stdin)"),
                kExitUsage);
  }
  registry::Credential credential{flags.username, flags.password, {}};
  auto hosts = OpenRegistryHosts();
  if (!hosts) return Fail(hosts.error());
  auto client = (*hosts)->WithCredentials(host, [credential](std::string_view) { return credential; });
  if (auto checked = registry::CheckLogin(*client); !checked) return Fail(checked.error());
  auto store = registry::CredentialStore::Open();
  if (!store) return Fail(store.error());
  if (auto stored = store->Store(host, credential); !stored) return Fail(stored.error());
  fmt::print("Login Succeeded\n");
  return kExitOk;
}

int RunLogout(const std::string& server) {
  std::string host = registry::CredentialHost(server);
  auto store = registry::CredentialStore::Open();
  if (!store) return Fail(store.error());
  auto erased = store->Erase(host);
  if (!erased) {
    if (erased.error().kind() == util::ErrorKind::kNotFound) {
      fmt::print("Not logged in to {}\n", host);
      return kExitOk;
    }
    return Fail(erased.error());
  }
  fmt::print("Removing login credentials for {}\n", host);
  return kExitOk;
}

}  // namespace

void RegisterLogin(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<LoginFlags>();
  auto* login = app.add_subcommand("login", "Log in to a registry (docker's config.json)");
  login->add_option("SERVER", flags->server, "Registry (default: docker.io)");
  login->add_option("-u,--username", flags->username, "Username");
  login->add_option("-p,--password", flags->password, "Password (prefer --password-stdin)");
  login->add_flag("--password-stdin", flags->password_stdin, "Take the password from stdin");
  login->callback([flags, exit_code] { *exit_code = RunLogin(*flags); });

  auto server = std::make_shared<std::string>("docker.io");
  auto* logout = app.add_subcommand("logout", "Log out from a registry");
  logout->add_option("SERVER", *server, "Registry (default: docker.io)");
  logout->callback([server, exit_code] { *exit_code = RunLogout(*server); });
}

}  // namespace manifold::cli
