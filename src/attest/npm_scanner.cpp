// package.json of installed Node packages (docs.npmjs.com "package.json": name, version, license).
#include "attest/npm_scanner.hpp"

#include <fmt/format.h>

#include "attest/purl.hpp"
#include "image/json_canonical.hpp"
#include "util/root_path.hpp"

namespace manifold::attest {

namespace {

constexpr size_t kMaxNameBytes = 256;

std::string LicenseOf(const nlohmann::json& doc) {
  auto type_of = [](const nlohmann::json& v) -> std::string {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_object() && v.contains("type") && v["type"].is_string()) return v["type"].get<std::string>();
    return "";
  };
  if (doc.contains("license")) return type_of(doc["license"]);
  std::string out;
  if (doc.contains("licenses") && doc["licenses"].is_array()) {
    for (const auto& l : doc["licenses"]) {
      const std::string t = type_of(l);
      if (!t.empty()) out += (out.empty() ? "" : " OR ") + t;
    }
  }
  return out;
}

}  // namespace

bool IsNodePackageJson(std::string_view path) {
  const auto parts = util::SplitPath(path);
  const size_t n = parts.size();
  if (n < 3 || parts[n - 1] != "package.json") return false;
  if (parts[n - 3] == "node_modules") return !parts[n - 2].starts_with("@");
  return n >= 4 && parts[n - 4] == "node_modules" && parts[n - 3].starts_with("@");
}

bool IsNpmBundledModules(std::string_view dir_path) { return dir_path.ends_with("/lib/node_modules/npm/node_modules"); }

void ParsePackageJson(std::string_view text, std::string_view location, ScanReport& report) {
  auto doc = image::ParseJson(text, location);
  auto skip = [&](std::string_view why) { report.skipped.push_back(fmt::format("{}: {}", location, why)); };
  if (!doc) return skip("not valid JSON");
  if (!doc->is_object() || !(*doc)["name"].is_string() || !(*doc)["version"].is_string()) {
    return skip("no string name and version");
  }
  Package pkg;
  pkg.source = PackageSource::kNpm;
  pkg.name = (*doc)["name"].get<std::string>();
  pkg.version = (*doc)["version"].get<std::string>();
  if (pkg.name.empty() || pkg.version.empty() || pkg.name.size() > kMaxNameBytes || pkg.version.size() > kMaxNameBytes) {
    return skip("no usable name and version");
  }
  pkg.license = LicenseOf(*doc);
  if (pkg.license.size() > kMaxNameBytes) pkg.license.clear();
  pkg.location = location;
  std::string ns, name = pkg.name;
  if (name.starts_with("@") && name.find('/') != std::string::npos) {
    ns = name.substr(0, name.find('/'));
    name = name.substr(ns.size() + 1);
  }
  pkg.purl = FormatPurl({.type = "npm", .namespace_path = ns, .name = name, .version = pkg.version, .qualifiers = {}});
  report.packages.push_back(std::move(pkg));
  ++report.npm;
}

}  // namespace manifold::attest
