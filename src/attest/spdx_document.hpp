// SpdxDocument: scanned packages as an SPDX 2.3 JSON document (spdx.github.io/spdx-spec/v2.3).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "attest/package.hpp"

namespace manifold::attest {

/// What the document says about itself and what was scanned.
struct SpdxOptions {
  std::string name;        ///< document and root package name ("app:1.0 linux/arm64"); required
  std::string platform;    ///< "linux/arm64"; part of the namespace
  std::string subject;     ///< anything identifying the scanned input (an image or layer digest); may be empty
  std::string tool_version;  ///< manifold's version for creationInfo.creators ("Tool: manifold-0.1.0")
  int64_t created = 0;     ///< Unix seconds for creationInfo.created (SOURCE_DATE_EPOCH when set)
};

/// The SPDX 2.3 document for `packages` (a ScanReport's, sorted): spdxVersion, dataLicense
/// CC0-1.0, SPDXID SPDXRef-DOCUMENT, name, documentNamespace "urn:uuid:<UUID>" where the UUID
/// (version 8 bits, RFC 9562) is derived by SHA-256 from name, platform, subject and the
/// packages, so the same inputs give the same namespace; creationInfo (creators, created in RFC
/// 3339 UTC); a root package SPDXRef-DocumentRoot-Image (primaryPackagePurpose CONTAINER) and
/// one package per entry: SPDXID SPDXRef-Package-<source>-<name>-<hash>, versionInfo (when known),
/// downloadLocation NOASSERTION, filesAnalyzed false, licenseConcluded NOASSERTION,
/// licenseDeclared (spdx_license.hpp; NOASSERTION when unknown), supplier when known, a
/// PACKAGE-MANAGER purl externalRef, sourceInfo naming the database ("acquired package info
/// from DPKG DB: /var/lib/dpkg/status"), comment; hasExtractedLicensingInfos for LicenseRefs;
/// relationships DOCUMENT DESCRIBES root, root CONTAINS each package. Serialize with
/// image::CanonicalJson for stable bytes. Pure; never fails.
nlohmann::json SpdxDocument(const std::vector<Package>& packages, const SpdxOptions& options);

/// `unix_seconds` as RFC 3339 UTC ("2023-11-14T22:13:20Z").
std::string Rfc3339Utc(int64_t unix_seconds);

}  // namespace manifold::attest
