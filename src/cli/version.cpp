// `manifold version`: the version, the commit, the libraries linked, and the OCI runtime chosen.
#include <isa-l.h>
#include <zlib.h>
#include <zstd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/buildx_compat.hpp"
#include "cli/command.hpp"
#include "cli/invocation.hpp"
#include "content/archive_library.hpp"
#include "executor/runtime.hpp"
#include "util/crypto_library.hpp"
#include "util/mount.hpp"
#include "util/version.hpp"

namespace manifold::cli {

void RegisterVersion(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("version", "Show the version, the libraries linked and the OCI runtime");
  cmd->callback([exit_code] {
    *exit_code = kExitOk;
    // As buildx, the one line tools parse ("<package> v<buildx version> <revision>").
    if (CurrentPersonality() == Personality::kBuildx) {
      fmt::print("{}\n", BuildxVersionLine());
      return;
    }
    fmt::print("manifold {} (commit {})\n", util::Version(), util::GitCommit());
    fmt::print("  stands in for buildx v{} (as buildx: {})\n", kBuildxCompatVersion, BuildxVersionLine());
    // libarchive and libcrypto are loaded on first use (content/archive_library.hpp,
    // util/crypto_library.hpp): here, to name them.
    auto archive = content::LoadArchive();
    fmt::print("  libarchive {}\n", archive ? (*archive)->version_string() : "unavailable: " + archive.error().What());
    auto crypto = util::LoadCrypto();
    fmt::print("  {}\n", crypto ? (*crypto)->version(OPENSSL_VERSION) : "OpenSSL unavailable: " + crypto.error().What());
    fmt::print("  zlib {}\n", zlibVersion());
    fmt::print("  zstd {}\n", ZSTD_versionString());
    fmt::print("  isa-l {}.{}.{}\n", ISAL_MAJOR_VERSION, ISAL_MINOR_VERSION, ISAL_PATCH_VERSION);
    fmt::print("  nlohmann-json {}.{}.{}\n", NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
               NLOHMANN_JSON_VERSION_PATCH);
    fmt::print("  fmt {}\n", FMT_VERSION);
    // The OCI runtime RUN steps would use, and why (MANIFOLD_RUNTIME, or what the probe found),
    // seen as a build sees it: from a private mount namespace (executor::PrepareCgroupView).
    // Without root there is none, and the runtime is not probed anyway.
    (void)util::EnterPrivateMountNamespace();
    const auto& runtime = executor::ChosenRuntime();
    fmt::print("runtime: {}\n", runtime ? runtime->Describe() : "none: " + runtime.error().What());
  });
}

}  // namespace manifold::cli
