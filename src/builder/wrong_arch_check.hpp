// WrongArchBinary: executables in a built layer that the image's platform cannot run.
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>
#include <vector>

#include "builder/check_warning.hpp"
#include "cache/meta_store.hpp"
#include "exporter/image_assembly.hpp"
#include "util/error.hpp"

namespace manifold::builder {

/// The rule's name, as `# check=skip=` and the warnings spell it.
inline constexpr std::string_view kWrongArchBinary = "WrongArchBinary";

/// Bounds of one CheckWrongArch run.
struct WrongArchOptions {
  size_t files_listed = 10;  ///< files named per warning; the rest are only counted
  /// Where the scan of a diff kept by the cache is remembered: a cached step's layer is read
  /// once, not on every rebuild (20,000 files: 3 s from a cold page cache). nullptr: always read.
  cache::MetaStore* memo = nullptr;
};

/// What the check found and what it cost.
struct WrongArchReport {
  std::vector<CheckWarning> warnings;  ///< per platform, per step, per foreign architecture
  size_t layers = 0;                   ///< built diff dirs walked (one shared by platforms: once)
  size_t layers_remembered = 0;        ///< built diff dirs whose scan the cache remembered
  size_t headers = 0;                  ///< file headers read
  std::chrono::steady_clock::duration elapsed{};
};

/// Looks at every regular file that a layer made by this build adds or changes (the diff dirs
/// of the chain of each image's `root`; layers unpacked from a base image, Snapshot::blob(),
/// are not this Dockerfile's doing and are skipped; a blob this build wrote itself,
/// Snapshot::built(), is judged from the headers recorded while it was written), reads at most image::kElfHeaderBytes of
/// each, and reports ELF executables and shared objects that image::ElfRunsOn says the image's
/// platform cannot run, unless a later layer deletes or replaces them. Each warning names the
/// platform, the step (the history entry paired with the layer) and the architecture. Files are
/// opened with O_NOFOLLOW; symlinks, devices, whiteouts and files under 20 bytes are never
/// opened. Errors: a diff dir that cannot be read (FailErrno kinds, naming the path).
/// Reads only; safe to call while nothing writes the snapshots.
util::Result<WrongArchReport> CheckWrongArch(const std::vector<exporter::PlatformImageInput>& images,
                                             const WrongArchOptions& options = {});

}  // namespace manifold::builder
