// Platform specifiers: containerd-compatible Parse, Normalize, Format/FormatAll and the host.
#pragma once

#include <string>
#include <string_view>

#include "image/platform.hpp"
#include "util/error.hpp"

namespace manifold::image {

/// The platform this process runs on, from uname(2): x86_64 → linux/amd64, aarch64 →
/// linux/arm64, armv7l → linux/arm/v7, armv6l → linux/arm/v6, i686 → linux/386; any other
/// machine name goes through the architecture aliases. Never fails.
Platform HostPlatform();

/// Parses a user specifier as containerd's platforms.Parse does: `os`, `arch`, `os/arch`,
/// `os/arch/variant`, the OS part optionally `os(version+feature+...)` with %-escapes for
/// `%+()/`. Lower-cases and maps aliases; drops an arm `v7` in the 1-/2-part forms; makes an
/// empty or v8 arm64 variant an explicit `v8` in the 3-part form. A lone word naming a known OS
/// takes `host`'s architecture; another lone word must be a known architecture and takes `host`'s
/// OS. Errors (InvalidArgument) quote the specifier and say what a valid one looks like.
/// `local` is not understood here (see ParsePlatformFlag).
util::Result<Platform> ParsePlatform(std::string_view specifier, const Platform& host);

/// The canonical form used for index/config entries, matching and TARGET* args: lower-case,
/// aliases mapped, arm "" → v7, arm64 v8 → "", amd64 v1 → "", armhf/armel force v7/v6, an empty
/// OS becomes `host`'s OS; OS features sorted and de-duplicated. Idempotent.
Platform Normalize(Platform platform, const Platform& host);

/// `--platform` value semantics (BuildKit): `local` is `host`, normalized; anything else is
/// ParsePlatform then Normalize. Errors as ParsePlatform's.
util::Result<Platform> ParsePlatformFlag(std::string_view specifier, const Platform& host);

/// True when `platform`'s OS and architecture are names Go knows (GOOS, GOARCH). ParsePlatform's
/// `os/arch` forms accept any names, as containerd's do; where a platform is a promise (the
/// platforms a builder node owns) an unknown name is a typo to report.
bool IsKnownPlatform(const Platform& platform);

/// `os/arch[/variant]` without empty parts (Go path.Join semantics); "unknown" when the OS is
/// empty.
std::string Format(const Platform& platform);

/// Like Format, with `os(version+features)` when either is set: features sorted and
/// de-duplicated, each part %-escaped for `%+()/`.
std::string FormatAll(const Platform& platform);

}  // namespace manifold::image
