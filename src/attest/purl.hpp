// Package URLs (purl, github.com/package-url/purl-spec): the identifiers scanners and
// vulnerability databases match packages by.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace manifold::attest {

/// The parts of a purl before encoding. `namespace_path` may hold '/' (Go module paths): each
/// segment is encoded on its own. Empty qualifier values are dropped.
struct PurlParts {
  std::string type;            ///< "deb", "apk", "pypi", "npm", "golang"
  std::string namespace_path;  ///< "debian", "@scope", "github.com/x"; may be empty
  std::string name;
  std::string version;         ///< may be empty
  std::vector<std::pair<std::string, std::string>> qualifiers;  ///< sorted by key on output
};

/// "pkg:TYPE/NAMESPACE/NAME@VERSION?k=v&k2=v2". Each part is percent-encoded except ASCII
/// letters, digits and ". - _ ~", and in versions and qualifier values also ':' and '+', which
/// the spec lets stand and which Debian versions ("1:1.35.0-4+deb12u1") are full of (syft
/// and trivy write them so too; matching tools compare decoded values anyway). Never fails.
std::string FormatPurl(const PurlParts& parts);

/// A Python distribution name normalised as PEP 503 says: lower case, every run of '-', '_'
/// and '.' one '-'.
std::string NormalizePythonName(std::string_view name);

}  // namespace manifold::attest
