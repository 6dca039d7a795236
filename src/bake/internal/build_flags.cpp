// Parsing and printing of cache, output, attest, secret and ssh entries as buildx's buildflags.
#include "bake/internal/build_flags.hpp"

#include <algorithm>
#include <cctype>

#include "util/csv.hpp"
#include "util/go_bool.hpp"

namespace manifold::bake::internal {
namespace {

using util::ErrorKind;
using util::Fail;

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Go's strings.TrimSpace for the ASCII spaces buildx's keys can carry.
std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// Go's %q for the messages that quote a value.
std::string Quote(std::string_view text) { return fmt::format("{:?}", text); }

util::Result<std::vector<std::string>> Fields(std::string_view text) {
  auto fields = util::SplitCsv(text);
  if (!fields) return Fail(ErrorKind::kInvalidArgument, "{}", fields.error().message());
  return fields;
}

// csvBuilder.Write: `key=value`, quoted when it holds a comma or a quote.
void WritePair(std::string& out, std::string_view key, std::string_view value) {
  if (!out.empty()) out += ',';
  std::string pair = fmt::format("{}={}", key, value);
  if (pair.find_first_of(",\"") == std::string::npos) {
    out += pair;
    return;
  }
  out += '"';
  for (char c : pair) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void WriteAttrs(std::string& out, const std::map<std::string, std::string>& attrs) {
  for (const auto& [key, value] : attrs) WritePair(out, key, value);
}

}  // namespace

util::Result<CacheEntry> ParseCache(std::string_view text) {
  auto fields = MANIFOLD_TRY(Fields(text));
  CacheEntry entry;
  if (fields.size() == 1 && fields[0].find('=') == std::string::npos) {
    entry.type = "registry";
    entry.attrs["ref"] = fields[0];
    return entry;
  }
  for (const auto& field : fields) {
    auto eq = field.find('=');
    if (eq == std::string::npos) return Fail(ErrorKind::kInvalidArgument, "invalid value {}", field);
    std::string key = Lower(std::string_view(field).substr(0, eq));
    std::string value = field.substr(eq + 1);
    if (key == "type") {
      entry.type = value;
    } else {
      entry.attrs[key] = value;
    }
  }
  if (entry.type.empty()) return Fail(ErrorKind::kInvalidArgument, "type required for {}", Quote(text));
  return entry;
}

util::Result<std::vector<CacheEntry>> ParseCacheList(const std::vector<std::string>& values) {
  std::vector<CacheEntry> out;
  for (const auto& value : values) {
    if (value.empty()) continue;
    if (value.find('=') == std::string::npos) {
      // A ref-only value: each CSV field is its own registry entry.
      for (const auto& field : MANIFOLD_TRY(Fields(value))) out.push_back(MANIFOLD_TRY(ParseCache(field)));
      continue;
    }
    out.push_back(MANIFOLD_TRY(ParseCache(value)));
  }
  return out;
}

util::Result<ExportEntry> ParseExport(std::string_view text) {
  auto fields = MANIFOLD_TRY(Fields(text));
  ExportEntry entry;
  // A bare path is a local export; "-" is a tar stream to stdout.
  if (fields.size() == 1 && fields[0] == text && !text.starts_with("type=")) {
    entry.type = text == "-" ? "tar" : "local";
    entry.dest = std::string(text);
    return entry;
  }
  for (const auto& field : fields) {
    auto eq = field.find('=');
    if (eq == std::string::npos) return Fail(ErrorKind::kInvalidArgument, "invalid value {}", field);
    std::string key = Lower(Trim(std::string_view(field).substr(0, eq)));
    std::string value = field.substr(eq + 1);
    if (key == "type") {
      entry.type = value;
    } else if (key == "dest") {
      entry.dest = value;
    } else {
      entry.attrs[key] = value;
    }
  }
  if (entry.type.empty()) return Fail(ErrorKind::kInvalidArgument, "type is required for output");
  return entry;
}

util::Result<AttestEntry> ParseAttest(std::string_view text) {
  auto fields = MANIFOLD_TRY(Fields(text));
  AttestEntry entry;
  for (const auto& field : fields) {
    auto eq = field.find('=');
    if (eq == std::string::npos) return Fail(ErrorKind::kInvalidArgument, "invalid value {}", field);
    std::string key = field.substr(0, eq);
    std::string value = field.substr(eq + 1);
    std::string normalized = Lower(Trim(key));
    if (normalized == "type") {
      entry.type = value;
    } else if (normalized == "disabled") {
      auto disabled = util::ParseGoBool(value);
      if (!disabled) {
        return Fail(ErrorKind::kInvalidArgument,
                    "invalid value {}: strconv.ParseBool: parsing {}: invalid syntax", field, Quote(value));
      }
      entry.disabled = *disabled;
    } else {
      entry.attrs[key] = value;  // buildx keeps the key as written
    }
  }
  if (entry.type.empty()) return Fail(ErrorKind::kInvalidArgument, "attestation type not specified");
  return entry;
}

util::Result<SecretEntry> ParseSecret(std::string_view text) {
  auto fields = util::SplitCsv(text);
  if (!fields) {
    return Fail(ErrorKind::kInvalidArgument, "failed to parse csv secret: {}", fields.error().message());
  }
  SecretEntry entry;
  std::string type;
  for (const auto& field : *fields) {
    auto eq = field.find('=');
    std::string key = Lower(std::string_view(field).substr(0, eq));
    if (eq == std::string::npos) {
      return Fail(ErrorKind::kInvalidArgument, "invalid field '{}' must be a key=value pair", field);
    }
    std::string value = field.substr(eq + 1);
    if (key == "type") {
      if (value != "file" && value != "env") {
        return Fail(ErrorKind::kInvalidArgument, "unsupported secret type {}", Quote(value));
      }
      type = value;
    } else if (key == "id") {
      entry.id = value;
    } else if (key == "source" || key == "src") {
      entry.src = value;
    } else if (key == "env") {
      entry.env = value;
    } else {
      return Fail(ErrorKind::kInvalidArgument, "unexpected key '{}' in '{}'", key, field);
    }
  }
  if (type == "env" && entry.env.empty()) {
    entry.env = std::move(entry.src);
    entry.src.clear();
  }
  return entry;
}

SshEntry ParseSsh(std::string_view text) {
  SshEntry entry;
  auto eq = text.find('=');
  entry.id = std::string(text.substr(0, eq));
  if (eq == std::string_view::npos) return entry;
  std::string_view rest = text.substr(eq + 1);
  for (;;) {
    auto comma = rest.find(',');
    entry.paths.emplace_back(rest.substr(0, comma));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return entry;
}

std::string ToCsv(const CacheEntry& entry) {
  if (entry.type == "registry" && entry.attrs.size() == 1 && entry.attrs.contains("ref")) {
    return entry.attrs.at("ref");
  }
  std::string out;
  if (!entry.type.empty()) WritePair(out, "type", entry.type);
  WriteAttrs(out, entry.attrs);
  return out;
}

std::string ToCsv(const ExportEntry& entry) {
  std::string out;
  if (!entry.type.empty()) WritePair(out, "type", entry.type);
  if (!entry.dest.empty()) WritePair(out, "dest", entry.dest);
  WriteAttrs(out, entry.attrs);
  return out;
}

std::string ToCsv(const AttestEntry& entry) {
  std::string out;
  if (!entry.type.empty()) WritePair(out, "type", entry.type);
  if (entry.disabled) WritePair(out, "disabled", "true");
  WriteAttrs(out, entry.attrs);
  return out;
}

std::string ToCsv(const SecretEntry& entry) {
  std::string out;
  if (!entry.id.empty()) WritePair(out, "id", entry.id);
  if (!entry.src.empty()) WritePair(out, "src", entry.src);
  if (!entry.env.empty()) WritePair(out, "env", entry.env);
  return out;
}

std::string ToCsv(const SshEntry& entry) {
  if (entry.paths.empty()) return entry.id;
  std::string out = entry.id + "=";
  for (std::size_t i = 0; i < entry.paths.size(); ++i) {
    if (i > 0) out += ',';
    out += entry.paths[i];
  }
  return out;
}

}  // namespace manifold::bake::internal
