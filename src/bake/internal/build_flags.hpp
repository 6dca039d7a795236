// The structured forms of a Target's CSV list entries (buildx's util/buildflags), private to bake.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace manifold::bake::internal {

/// One `cache-from` / `cache-to` entry (buildflags.CacheOptionsEntry).
struct CacheEntry {
  std::string type;
  std::map<std::string, std::string> attrs;
  bool operator==(const CacheEntry&) const = default;
};

/// One `output` entry (buildflags.ExportEntry); `dest` is kept apart from the attributes.
struct ExportEntry {
  std::string type;
  std::map<std::string, std::string> attrs;
  std::string dest;
  bool operator==(const ExportEntry&) const = default;
};

/// One `attest` entry (buildflags.Attest).
struct AttestEntry {
  std::string type;
  bool disabled = false;
  std::map<std::string, std::string> attrs;
  bool operator==(const AttestEntry&) const = default;
};

/// One `secret` entry (buildflags.Secret): `src` is the file path.
struct SecretEntry {
  std::string id;
  std::string src;
  std::string env;
  bool operator==(const SecretEntry&) const = default;
};

/// One `ssh` entry (buildflags.SSH): `ID[=PATH,PATH...]`.
struct SshEntry {
  std::string id;
  std::vector<std::string> paths;
  bool operator==(const SshEntry&) const = default;
};

/// Parsers with buildx's UnmarshalText rules and error wording. ParseCacheList also expands a
/// ref-only value ("a,b" without '=') into one registry entry per field, as ParseCacheEntry;
/// the list parsers skip empty strings.
util::Result<CacheEntry> ParseCache(std::string_view text);
util::Result<std::vector<CacheEntry>> ParseCacheList(const std::vector<std::string>& values);
util::Result<ExportEntry> ParseExport(std::string_view text);
util::Result<AttestEntry> ParseAttest(std::string_view text);
util::Result<SecretEntry> ParseSecret(std::string_view text);
SshEntry ParseSsh(std::string_view text);

/// Parses each non-empty value with `parse`, stopping at the first error.
template <typename T, typename Parse>
util::Result<std::vector<T>> ParseList(const std::vector<std::string>& values, Parse parse) {
  std::vector<T> out;
  for (const auto& value : values) {
    if (value.empty()) continue;
    auto entry = parse(value);
    if (!entry) return std::unexpected(std::move(entry.error()));
    out.push_back(std::move(*entry));
  }
  return out;
}

/// The CSV form buildx's String() gives (type first, then dest/disabled, then the attributes
/// sorted; a field holding ',' or '"' quoted as encoding/csv does). A registry cache entry with
/// only `ref` is the bare ref. Every form parses back to the same entry; SshEntry's is
/// `ID=P1,P2` unquoted because its parser splits at '=' only.
std::string ToCsv(const CacheEntry& entry);
std::string ToCsv(const ExportEntry& entry);
std::string ToCsv(const AttestEntry& entry);
std::string ToCsv(const SecretEntry& entry);
std::string ToCsv(const SshEntry& entry);

/// buildx's removeDupes: drops exact duplicates walking backwards, moving the last element into
/// a removed one's place (so order can change, as it does in buildx).
template <typename T>
void RemoveDupes(std::vector<T>& list) {
  if (list.size() < 2) return;
  for (std::size_t i = list.size() - 1; i-- > 0;) {
    for (std::size_t j = i + 1; j < list.size(); ++j) {
      if (list[i] == list[j]) {
        std::swap(list[j], list.back());
        list.pop_back();
        break;
      }
    }
  }
}

/// buildx's removeAttestDupes / removeSecretDupes / removeSSHDupes: one entry per key, the
/// later entry taking the first one's position.
template <typename T, typename Key>
void RemoveDupesByKey(std::vector<T>& list, Key key) {
  std::vector<T> out;
  std::map<std::string, std::size_t> seen;
  for (auto& entry : list) {
    auto [it, inserted] = seen.emplace(key(entry), out.size());
    if (inserted) {
      out.push_back(std::move(entry));
    } else {
      out[it->second] = std::move(entry);
    }
  }
  list = std::move(out);
}

}  // namespace manifold::bake::internal
