// content::ArchiveLibrary: libarchive, loaded when the first tar is read.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include "util/error.hpp"

namespace manifold::content {

// The libarchive entry points manifold calls: X(member, function). Each member has the type of
// the function in <archive.h>, so the compiler checks every call made through it.
#define MANIFOLD_ARCHIVE_FUNCTIONS(X)                                    \
  X(version_string, archive_version_string)                              \
  X(error_string, archive_error_string)                                  \
  X(read_new, archive_read_new)                                          \
  X(read_free, archive_read_free)                                        \
  X(read_support_filter_bzip2, archive_read_support_filter_bzip2)        \
  X(read_support_filter_gzip, archive_read_support_filter_gzip)          \
  X(read_support_filter_lzma, archive_read_support_filter_lzma)          \
  X(read_support_filter_none, archive_read_support_filter_none)          \
  X(read_support_filter_xz, archive_read_support_filter_xz)              \
  X(read_support_filter_zstd, archive_read_support_filter_zstd)          \
  X(read_support_format_empty, archive_read_support_format_empty)        \
  X(read_support_format_raw, archive_read_support_format_raw)            \
  X(read_support_format_tar, archive_read_support_format_tar)            \
  X(read_open, archive_read_open)                                        \
  X(read_open_fd, archive_read_open_fd)                                  \
  X(set_error, archive_set_error)                                        \
  X(read_next_header, archive_read_next_header)                          \
  X(read_data, archive_read_data)                                        \
  X(read_data_block, archive_read_data_block)                            \
  X(entry_atime, archive_entry_atime)                                    \
  X(entry_atime_is_set, archive_entry_atime_is_set)                      \
  X(entry_atime_nsec, archive_entry_atime_nsec)                          \
  X(entry_filetype, archive_entry_filetype)                              \
  X(entry_gid, archive_entry_gid)                                        \
  X(entry_hardlink, archive_entry_hardlink)                              \
  X(entry_mtime, archive_entry_mtime)                                    \
  X(entry_mtime_is_set, archive_entry_mtime_is_set)                      \
  X(entry_mtime_nsec, archive_entry_mtime_nsec)                          \
  X(entry_pathname, archive_entry_pathname)                              \
  X(entry_perm, archive_entry_perm)                                      \
  X(entry_rdevmajor, archive_entry_rdevmajor)                            \
  X(entry_rdevminor, archive_entry_rdevminor)                            \
  X(entry_size, archive_entry_size)                                      \
  X(entry_size_is_set, archive_entry_size_is_set)                        \
  X(entry_symlink, archive_entry_symlink)                                \
  X(entry_uid, archive_entry_uid)                                        \
  X(entry_xattr_next, archive_entry_xattr_next)                          \
  X(entry_xattr_reset, archive_entry_xattr_reset)

/// The libarchive entry points manifold calls, resolved from libarchive.so.13 by dlopen. Why not
/// linked: libarchive brings libxml2, libicuuc (5,500 relative relocations), libicudata, liblzma,
/// liblz4, libbz2, libnettle and libacl, whose loading costs every process ~3.5 ms at start,
/// while only pulling or reading layers and archives reads tar (content::TarWriter writes the
/// OCI layout tar on its own).
struct ArchiveLibrary {
#define MANIFOLD_ARCHIVE_MEMBER(member, function) decltype(&::function) member;
  MANIFOLD_ARCHIVE_FUNCTIONS(MANIFOLD_ARCHIVE_MEMBER)
#undef MANIFOLD_ARCHIVE_MEMBER
};

/// Loads libarchive once per process; every later call (from any thread) returns the same
/// result. Errors (kUnavailable): the library is missing or lacks an entry point, with
/// dlerror()'s words and the Debian package that provides it.
util::Result<const ArchiveLibrary*> LoadArchive();

/// The library LoadArchive() loaded. Only after a LoadArchive() that succeeded (asserted).
const ArchiveLibrary& Archive();

}  // namespace manifold::content
