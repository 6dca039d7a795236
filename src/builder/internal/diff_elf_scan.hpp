// Reading an overlay diff dir for ELF headers, and asking whether a later diff hides a path.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "image/elf_machine.hpp"
#include "util/error.hpp"

namespace manifold::builder::internal {

/// One ELF executable or shared object of a known architecture that a diff dir adds.
struct ElfFile {
  std::string path;  ///< absolute in the image: "/usr/local/bin/bb"
  image::ElfMachine elf;
};

/// Walks the overlay upper dir `diff_dir` (never following a symlink) and reads the first
/// image::kElfHeaderBytes of every regular file of at least 20 bytes, opened O_NOFOLLOW |
/// O_NONBLOCK; symlinks, devices, whiteouts, fifos and sockets are not opened. Returns the files
/// whose header image::ReadElfHeader accepts with a known architecture, in path order, and adds
/// the number of headers read to `*headers`. Errors: FailErrno kinds naming the path.
util::Result<std::vector<ElfFile>> ScanDiffForElf(const std::filesystem::path& diff_dir, size_t* headers);

/// True when the upper dir `diff_dir`, laid over a lower layer that has `path`, hides that
/// file: it holds an entry at `path` (a whiteout, or a replacement), a non-directory where a
/// directory above `path` was, or an opaque directory above it. Symlinks are never followed.
/// Errors: FailErrno kinds other than ENOENT.
util::Result<bool> DiffHides(const std::filesystem::path& diff_dir, std::string_view path);

}  // namespace manifold::builder::internal
