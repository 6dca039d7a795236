// apk's database format (apk-tools' "installed" file: one letter, a colon, the value).
#include "attest/apk_scanner.hpp"

#include <fmt/format.h>

#include "attest/purl.hpp"

namespace manifold::attest {

namespace {

constexpr size_t kMaxInstalledBytes = 64 << 20;
constexpr size_t kMaxValueBytes = 1024;

struct Record {
  std::string name, version, arch, license, origin, maintainer;
  bool oversized = false;
};

void Emit(const Record& r, std::string_view location, const OsRelease& os, ScanReport& report) {
  if (r.name.empty() && r.version.empty() && !r.oversized) return;  // blank lines only
  if (r.oversized || r.name.empty() || r.version.empty()) {
    report.skipped.push_back(fmt::format("{}: a record {} ({:.40})", location,
                                         r.oversized ? "with a value over the scan's bounds" : "without P: or V:", r.name));
    return;
  }
  Package pkg;
  pkg.source = PackageSource::kApk;
  pkg.name = r.name;
  pkg.version = r.version;
  pkg.license = r.license;
  pkg.location = location;
  if (!r.maintainer.empty()) pkg.supplier = PersonSupplier(r.maintainer);
  if (!r.origin.empty() && r.origin != r.name) pkg.comment = "origin package: " + r.origin;
  pkg.purl = FormatPurl({.type = "apk",
                         .namespace_path = os.id.empty() ? "alpine" : os.id,
                         .name = r.name,
                         .version = r.version,
                         .qualifiers = {{"arch", r.arch}, {"distro", os.Distro()}}});
  report.packages.push_back(std::move(pkg));
  ++report.apk;
}

}  // namespace

void ParseApkInstalled(std::string_view text, std::string_view location, const OsRelease& os, ScanReport& report) {
  Record r;
  size_t pos = 0;
  while (pos <= text.size()) {
    const size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      Emit(r, location, os, report);
      r = {};
    } else if (line.size() >= 2 && line[1] == ':') {
      const std::string_view value = line.substr(2);
      std::string* field = nullptr;
      switch (line[0]) {
        case 'P': field = &r.name; break;
        case 'V': field = &r.version; break;
        case 'A': field = &r.arch; break;
        case 'L': field = &r.license; break;
        case 'o': field = &r.origin; break;
        case 'm': field = &r.maintainer; break;
        default: break;
      }
      if (field != nullptr) {
        if (value.size() > kMaxValueBytes) r.oversized = true;
        else *field = value;
      }
    }
    if (end == text.size()) break;
  }
  Emit(r, location, os, report);
}

void ScanApk(const RootFiles& root, const OsRelease& os, ScanReport& report) {
  constexpr std::string_view kPath = "/lib/apk/db/installed";
  auto text = root.Read(kPath, kMaxInstalledBytes);
  if (!text) {
    report.skipped.push_back(text.error().What());
  } else if (*text) {
    ParseApkInstalled(**text, kPath, os, report);
  }
}

}  // namespace manifold::attest
