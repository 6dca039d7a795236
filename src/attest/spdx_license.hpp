// SpdxLicense: a licence as a package database states it, as an SPDX license expression.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace manifold::attest {

/// A licence expression valid in SPDX 2.3, and the LicenseRef-… identifiers it uses with the
/// text each stands for (what the document's hasExtractedLicensingInfos must define).
struct SpdxLicense {
  std::string expression;                    ///< "NOASSERTION" when nothing was stated
  std::map<std::string, std::string> refs;   ///< "LicenseRef-public-domain" → "public-domain"
};

/// Converts a declared licence: operators and/or/and/&/| and WITH (any case), parentheses, and
/// names: SPDX identifiers in any case (and "+" forms), Debian's DEP-5 short names (GPL-2+ →
/// GPL-2.0-or-later, Expat → MIT, …) become SPDX identifiers; other names become
/// LicenseRef-<name with characters outside [A-Za-z0-9.-] as '-'>. Text that is not an
/// expression ("MIT License", unbalanced parentheses) becomes one LicenseRef for the whole.
/// An empty `declared` gives NOASSERTION. Pure; never fails.
SpdxLicense ToSpdxLicense(std::string_view declared);

}  // namespace manifold::attest
