// SPDX 2.3 JSON (the in-toto SPDX predicate BuildKit attaches, https://spdx.dev/Document).
#include "attest/spdx_document.hpp"

#include <ctime>
#include <map>
#include <set>

#include <fmt/format.h>

#include "attest/spdx_license.hpp"
#include "util/sha256.hpp"

namespace manifold::attest {

namespace {

constexpr const char* kRootId = "SPDXRef-DocumentRoot-Image";

std::string SourceInfo(const Package& p) {
  switch (p.source) {
    case PackageSource::kDpkg: return "acquired package info from DPKG DB: " + p.location;
    case PackageSource::kApk: return "acquired package info from APK DB: " + p.location;
    case PackageSource::kPython: return "acquired package info from installed python package manifest file: " + p.location;
    case PackageSource::kNpm: return "acquired package info from installed node module manifest file: " + p.location;
    case PackageSource::kGoModule:
    case PackageSource::kGoStdlib: return "acquired package info from go module information: " + p.location;
  }
  return p.location;
}

// SPDXID characters are [A-Za-z0-9.-] (SPDX 2.3 §7.2).
std::string IdPart(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, 64)) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    out += ok ? c : '-';
  }
  return out;
}

// A UUID from a SHA-256: the first 16 bytes, version 8 (custom) and the RFC 9562 variant.
std::string UuidFrom(std::string_view hex) {
  std::string h(hex.substr(0, 32));
  h[12] = '8';
  h[16] = "89ab"[std::stoi(h.substr(16, 1), nullptr, 16) & 3];
  return fmt::format("{}-{}-{}-{}-{}", h.substr(0, 8), h.substr(8, 4), h.substr(12, 4), h.substr(16, 4), h.substr(20));
}

}  // namespace

std::string Rfc3339Utc(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

nlohmann::json SpdxDocument(const std::vector<Package>& packages, const SpdxOptions& options) {
  using nlohmann::json;
  json root_package = {{"SPDXID", kRootId},
                       {"name", options.name},
                       {"downloadLocation", "NOASSERTION"},
                       {"filesAnalyzed", false},
                       {"licenseConcluded", "NOASSERTION"},
                       {"licenseDeclared", "NOASSERTION"},
                       {"copyrightText", "NOASSERTION"},
                       {"primaryPackagePurpose", "CONTAINER"}};
  json list = json::array({root_package});
  json relationships = json::array(
      {{{"spdxElementId", "SPDXRef-DOCUMENT"}, {"relationshipType", "DESCRIBES"}, {"relatedSpdxElement", kRootId}}});
  std::map<std::string, std::string> refs;
  std::set<std::string> ids;
  util::Sha256 whole;
  whole.Update(fmt::format("{}\n{}\n{}\n", options.name, options.platform, options.subject));
  for (const Package& p : packages) {
    const std::string key = fmt::format("{}\n{}\n{}\n{}\n{}\n{}", PackageSourceName(p.source), p.name, p.version,
                                        p.location, p.purl, p.comment);
    whole.Update(key + "\n");
    std::string id = fmt::format("SPDXRef-Package-{}-{}-{}", PackageSourceName(p.source), IdPart(p.name),
                                 util::Sha256::Hex(key).substr(0, 16));
    while (!ids.insert(id).second) id += "-1";  // equal keys were removed by the scan; belt and braces
    const SpdxLicense license = ToSpdxLicense(p.license);
    refs.insert(license.refs.begin(), license.refs.end());
    json pkg = {{"SPDXID", id},
                {"name", p.name},
                {"downloadLocation", "NOASSERTION"},
                {"filesAnalyzed", false},
                {"licenseConcluded", "NOASSERTION"},
                {"licenseDeclared", license.expression},
                {"copyrightText", "NOASSERTION"},
                {"sourceInfo", SourceInfo(p)}};
    if (!p.version.empty()) pkg["versionInfo"] = p.version;  // optional (§7.3); never ""
    if (!p.supplier.empty()) pkg["supplier"] = p.supplier;
    if (!p.comment.empty()) pkg["comment"] = p.comment;
    if (!p.purl.empty()) {
      pkg["externalRefs"] = json::array(
          {{{"referenceCategory", "PACKAGE-MANAGER"}, {"referenceType", "purl"}, {"referenceLocator", p.purl}}});
    }
    list.push_back(std::move(pkg));
    relationships.push_back({{"spdxElementId", kRootId}, {"relationshipType", "CONTAINS"}, {"relatedSpdxElement", id}});
  }
  json doc = {{"spdxVersion", "SPDX-2.3"},
              {"dataLicense", "CC0-1.0"},
              {"SPDXID", "SPDXRef-DOCUMENT"},
              {"name", options.name},
              {"documentNamespace", "urn:uuid:" + UuidFrom(whole.HexDigest())},
              {"creationInfo",
               {{"creators", json::array({"Tool: manifold-" + options.tool_version})},
                {"created", Rfc3339Utc(options.created)}}},
              {"packages", std::move(list)},
              {"relationships", std::move(relationships)}};
  if (!refs.empty()) {
    json extracted = json::array();
    for (const auto& [ref, text] : refs) {
      extracted.push_back({{"licenseId", ref}, {"extractedText", text}, {"name", text}});
    }
    doc["hasExtractedLicensingInfos"] = std::move(extracted);
  }
  return doc;
}

}  // namespace manifold::attest
