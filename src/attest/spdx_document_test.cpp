// SPDX 2.3 documents: schema-valid, internally consistent, byte-stable; licences and purls.
#include "attest/spdx_document.hpp"

#include <cstdlib>
#include <set>

#include <gtest/gtest.h>

#include "attest/purl.hpp"
#include "attest/spdx_license.hpp"
#include "image/json_canonical.hpp"
#include "support/json_schema.hpp"

namespace manifold::attest {
namespace {

std::vector<Package> Sample() {
  Package deb{PackageSource::kDpkg, "busybox-static", "1:1.35.0-4+b1",
              "pkg:deb/debian/busybox-static@1:1.35.0-4+b1?arch=arm64&distro=debian-12", "GPL-2",
              "Person: Team (team@example.org)", "/var/lib/dpkg/status", "source package: busybox"};
  Package py{PackageSource::kPython, "six", "1.16.0", "pkg:pypi/six@1.16.0", "MIT License", "",
             "/usr/lib/python3/dist-packages/six-1.16.0.egg-info", ""};
  Package go{PackageSource::kGoModule, "example.com/app", "(devel)", "pkg:golang/example.com/app@%28devel%29", "", "",
             "/usr/bin/app", "main module of /usr/bin/app"};
  Package pd{PackageSource::kApk, "tzdata", "2024a-r0", "pkg:apk/alpine/tzdata@2024a-r0", "public-domain", "",
             "/lib/apk/db/installed", ""};
  return {deb, py, go, pd};
}

// "urn:uuid:xxxxxxxx-xxxx-8xxx-[89ab]xxx-xxxxxxxxxxxx", lower-case hex.
bool IsVersion8UuidUrn(std::string_view s) {
  if (!s.starts_with("urn:uuid:") || s.size() != 9 + 36) return false;
  s.remove_prefix(9);
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (s[i] == '-')) return false;
    if (!dash && std::string_view("0123456789abcdef").find(s[i]) == std::string_view::npos) return false;
  }
  return s[14] == '8' && std::string_view("89ab").find(s[19]) != std::string_view::npos;
}

SpdxOptions Options() {
  SpdxOptions o;
  o.name = "app:1.0 linux/arm64";
  o.platform = "linux/arm64";
  o.subject = "sha256:0123";
  o.tool_version = "0.1.0";
  o.created = 1700000000;
  return o;
}

TEST(SpdxDocument, ValidAgainstTheSpecsSchemaAndConsistent) {
  const char* source = std::getenv("MANIFOLD_SOURCE_DIR");
  if (source == nullptr) GTEST_SKIP() << "MANIFOLD_SOURCE_DIR is not set (run through ctest)";
  std::string error;
  auto schemas = manifold::testing::JsonSchemaSet::Load(std::filesystem::path(source) / "tests/data/spdx", &error);
  ASSERT_TRUE(schemas) << error;
  const auto doc = SpdxDocument(Sample(), Options());
  const auto violations = schemas->Validate(doc, "spdx-document-2.3.json");
  EXPECT_TRUE(violations.empty()) << violations.front();
  EXPECT_EQ(doc["creationInfo"]["created"], "2023-11-14T22:13:20Z");
  EXPECT_EQ(doc["creationInfo"]["creators"][0], "Tool: manifold-0.1.0");
  EXPECT_TRUE(IsVersion8UuidUrn(doc["documentNamespace"].get<std::string>())) << doc["documentNamespace"];
  // Every SPDXID is unique, every relationship points at one, every LicenseRef is defined.
  std::set<std::string> ids{"SPDXRef-DOCUMENT"};
  for (const auto& p : doc["packages"]) EXPECT_TRUE(ids.insert(p["SPDXID"].get<std::string>()).second);
  EXPECT_EQ(doc["packages"].size(), 5u);
  size_t contains = 0;
  for (const auto& r : doc["relationships"]) {
    EXPECT_TRUE(ids.contains(r["spdxElementId"])) << r;
    EXPECT_TRUE(ids.contains(r["relatedSpdxElement"])) << r;
    contains += r["relationshipType"] == "CONTAINS";
  }
  EXPECT_EQ(contains, 4u);
  std::set<std::string> defined;
  for (const auto& l : doc["hasExtractedLicensingInfos"]) defined.insert(l["licenseId"].get<std::string>());
  EXPECT_EQ(defined, (std::set<std::string>{"LicenseRef-MIT-License", "LicenseRef-public-domain"}));
  const auto& deb = doc["packages"][1];
  EXPECT_EQ(deb["name"], "busybox-static");
  EXPECT_EQ(deb["licenseDeclared"], "GPL-2.0-only");
  EXPECT_EQ(deb["sourceInfo"], "acquired package info from DPKG DB: /var/lib/dpkg/status");
  EXPECT_EQ(deb["externalRefs"][0]["referenceLocator"], Sample()[0].purl);
  EXPECT_EQ(doc["packages"][3]["licenseDeclared"], "NOASSERTION");
}

TEST(SpdxDocument, SameInputsSameBytesOtherInputsOtherNamespace) {
  const std::string a = image::CanonicalJson(SpdxDocument(Sample(), Options()));
  EXPECT_EQ(a, image::CanonicalJson(SpdxDocument(Sample(), Options())));
  auto other = Options();
  other.platform = "linux/amd64";
  EXPECT_NE(SpdxDocument(Sample(), Options())["documentNamespace"], SpdxDocument(Sample(), other)["documentNamespace"]);
  auto fewer = Sample();
  fewer.pop_back();
  EXPECT_NE(SpdxDocument(Sample(), Options())["documentNamespace"], SpdxDocument(fewer, Options())["documentNamespace"]);
}

TEST(SpdxLicense, DebianNamesSpdxIdsOperatorsAndRefs) {
  struct Row {
    std::string_view in, expression;
    size_t refs;
  };
  const Row rows[] = {
      {"", "NOASSERTION", 0},
      {"mit", "MIT", 0},
      {"GPL-2+ or Artistic", "GPL-2.0-or-later OR Artistic-1.0-Perl", 0},
      {"(MIT OR Apache-2.0) AND BSD-3-clause", "(MIT OR Apache-2.0) AND BSD-3-Clause", 0},
      {"GPL-2.0+ WITH classpath-exception-2.0", "GPL-2.0-or-later WITH Classpath-exception-2.0", 0},
      {"Apache-2.0+", "Apache-2.0+", 0},
      {"LGPL-2.1+ & public-domain", "LGPL-2.1-or-later AND LicenseRef-public-domain", 1},
      {"MIT License", "LicenseRef-MIT-License", 1},
      {"(MIT", "LicenseRef--MIT", 1},
      {"GPL WITH unknown-exception", "LicenseRef-GPL-WITH-unknown-exception", 1},
      {"Expat, BSD-2-clause", "LicenseRef-Expat--BSD-2-clause", 1},
  };
  for (const auto& row : rows) {
    const auto got = ToSpdxLicense(row.in);
    EXPECT_EQ(got.expression, row.expression) << row.in;
    EXPECT_EQ(got.refs.size(), row.refs) << row.in;
  }
}

TEST(Purl, EncodingOfEachPart) {
  EXPECT_EQ(FormatPurl({.type = "npm", .namespace_path = "@types", .name = "node", .version = "20.1.0", .qualifiers = {}}),
            "pkg:npm/%40types/node@20.1.0");
  EXPECT_EQ(FormatPurl({.type = "deb", .namespace_path = "debian", .name = "g++", .version = "4:12.2.0-3",
                        .qualifiers = {{"distro", "debian-12"}, {"arch", "amd64"}, {"empty", ""}}}),
            "pkg:deb/debian/g%2B%2B@4:12.2.0-3?arch=amd64&distro=debian-12");
  EXPECT_EQ(FormatPurl({.type = "golang", .namespace_path = "github.com/a b", .name = "c", .version = "v1.0.0+incompatible",
                        .qualifiers = {}}),
            "pkg:golang/github.com/a%20b/c@v1.0.0+incompatible");
}

}  // namespace
}  // namespace manifold::attest
