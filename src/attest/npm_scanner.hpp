// Node packages: node_modules/NAME/package.json and node_modules/@SCOPE/NAME/package.json.
#pragma once

#include <string_view>

#include "attest/package.hpp"

namespace manifold::attest {

/// At most this many bytes of a package.json are read.
inline constexpr size_t kMaxPackageJsonBytes = 1 << 20;

/// Adds the package a package.json text describes (`location` = its path): name, version and
/// licence ("license": "MIT", the old {"type": "MIT"} form, or "licenses": [{"type": …}] joined
/// with OR). Purl: pkg:npm/NAME@VERSION, or pkg:npm/%40SCOPE/NAME@VERSION for "@scope/name".
/// Invalid JSON or no string name/version (either over 256 bytes): a line in report.skipped.
void ParsePackageJson(std::string_view text, std::string_view location, ScanReport& report);

/// True when `path` (absolute inside the root) is a package's own package.json:
/// ".../node_modules/NAME/package.json" or ".../node_modules/@SCOPE/NAME/package.json".
bool IsNodePackageJson(std::string_view path);

/// True for the directory ".../lib/node_modules/npm/node_modules": the dependencies bundled
/// inside a globally installed npm, which are npm's own copies, not the image's software (npm
/// itself is still listed). The walk does not enter it.
bool IsNpmBundledModules(std::string_view dir_path);

}  // namespace manifold::attest
