// Platform name tables (OS/arch aliases, known names) shared by parse, normalize and match.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace manifold::image::internal {

/// Lower-cases ASCII.
std::string Lower(std::string_view s);
/// Lower-case, `macos` → `darwin`. Does not fill an empty OS.
std::string NormalizeOsName(std::string_view os);
/// containerd's normalizeArch: lower-cases both and maps aliases and variant spellings.
std::pair<std::string, std::string> NormalizeArch(std::string_view arch, std::string_view variant);
/// True for the OS names Go knows (GOOS values).
bool IsKnownOs(std::string_view os);
/// True for the architecture names Go knows (GOARCH values).
bool IsKnownArch(std::string_view arch);

}  // namespace manifold::image::internal
