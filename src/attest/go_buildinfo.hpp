// ReadGoBuildInfo: the build info a Go toolchain embeds in an ELF binary (.go.buildinfo).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "attest/byte_source.hpp"
#include "attest/go_modinfo.hpp"
#include "util/error.hpp"

namespace manifold::attest {

/// At most this many bytes of the .go.buildinfo section are read (Go itself reads 64 KiB).
inline constexpr size_t kMaxGoBuildInfoBytes = 1 << 20;

/// Reads the build info of an ELF file (32/64-bit, either byte order): finds the section named
/// ".go.buildinfo" through the section headers, then decodes the blob Go ≥ 1.18 writes there:
/// the 14-byte magic "\xff Go buildinf:" at a 16-byte boundary, pointer size, a flags byte, and
/// (flags & 2) the Go version and the module info as uvarint-length-prefixed strings from
/// byte 32 on; the module info's 16-byte framing on each side is removed as Go does.
/// nullopt: not ELF, or no such section (not a Go binary, or stripped of section headers).
/// Errors, never a crash: kUnavailable for the pre-1.18 pointer form ("not supported");
/// kInvalidArgument for anything corrupt or truncated (headers or strings past the end of the
/// file or section, a bad varint, no magic); ByteSource's errors. Reads are bounded: the ELF
/// header, at most 65535 section headers, a section-name table of at most 1 MiB and
/// kMaxGoBuildInfoBytes of the section.
util::Result<std::optional<GoBuildInfo>> ReadGoBuildInfo(const ByteSource& file);

/// Decodes a .go.buildinfo section's bytes (as above, from the magic on). Exposed for tests.
util::Result<GoBuildInfo> DecodeGoBuildInfo(std::string_view section);

}  // namespace manifold::attest
