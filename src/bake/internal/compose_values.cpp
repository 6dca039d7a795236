// Typed reads of Compose values: the parsing docker/go-units and compose-go's types do
// (RAMInBytes, BytesSize, ParseUlimit, HostsList, ExpandUser).
#include "bake/internal/compose_values.hpp"

#include "bake/internal/normalize.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>

namespace manifold::bake::internal {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool ParseInt(std::string_view text, std::int64_t& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

constexpr std::array<std::string_view, 15> kUlimitNames = {
    "core",   "cpu",   "data", "fsize",  "locks",  "memlock",    "msgqueue", "nice",
    "nofile", "nproc", "rss",  "rtprio", "rttime", "sigpending", "stack"};

util::Result<std::int64_t> ReadInt(const YamlNode& node, std::string_view path) {
  std::int64_t value = 0;
  if (!node.IsScalar() || !ParseInt(node.scalar, value)) {
    return FailAt(node, "{} must be an integer", path);
  }
  return value;
}

}  // namespace

util::Result<std::string> ReadString(const YamlNode& node, std::string_view path) {
  if (node.IsNull()) return std::string();
  if (!node.IsScalar()) return FailAt(node, "{} must be a string, not {}", path, KindName(node));
  return node.scalar;
}

util::Result<std::vector<std::string>> ReadStringList(const YamlNode& node, std::string_view path) {
  std::vector<std::string> out;
  if (node.IsNull()) return out;
  if (!node.IsSequence()) return FailAt(node, "{} must be a list, not {}", path, KindName(node));
  for (const YamlNode& item : node.items) {
    if (!item.IsScalar()) return FailAt(item, "{} entries must be strings", path);
    out.push_back(item.scalar);
  }
  return out;
}

util::Result<bool> ReadBool(const YamlNode& node, std::string_view path) {
  if (node.IsScalar()) {
    std::string value = Lower(node.scalar);
    if (value == "true" || value == "y" || value == "yes" || value == "on") return true;
    if (value == "false" || value == "n" || value == "no" || value == "off") return false;
  }
  return FailAt(node, "{} must be a boolean (true or false)", path);
}

util::Result<std::int64_t> ReadByteSize(const YamlNode& node, std::string_view path) {
  if (!node.IsScalar()) return FailAt(node, "{} must be a size such as 128m", path);
  std::string_view text = node.scalar;
  std::int64_t whole = 0;
  if (ParseInt(text, whole)) return whole;
  // go-units parseSize: a decimal number, an optional space, then k/m/g/t/p with an optional
  // "b" or "ib" (any case), all binary multiples (RAMInBytes).
  std::size_t split = text.find_last_of("0123456789. ");
  auto bad = [&] { return FailAt(node, "{}: invalid size '{}'", path, text); };
  if (split == std::string_view::npos) return bad();
  std::string_view number = text.substr(0, text[split] == ' ' ? split : split + 1);
  std::string suffix = Lower(text.substr(split + 1));
  double size = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), size);
  if (ec != std::errc() || end != number.data() + number.size() || size < 0) return bad();
  if (suffix.empty() || suffix == "b") return static_cast<std::int64_t>(size);
  static constexpr std::string_view kUnits = "kmgtp";
  std::size_t unit = kUnits.find(suffix[0]);
  bool tail_ok = suffix.size() == 1 || (suffix.size() == 2 && suffix[1] == 'b') ||
                 (suffix.size() == 3 && suffix.substr(1) == "ib");
  if (unit == std::string_view::npos || !tail_ok) return bad();
  size *= std::pow(1024.0, static_cast<double>(unit + 1));
  if (size >= static_cast<double>(std::numeric_limits<std::int64_t>::max())) return bad();
  return static_cast<std::int64_t>(size);
}

std::string FormatBytes(std::int64_t bytes) {
  static constexpr std::array<std::string_view, 9> kAbbrs = {"B",   "KiB", "MiB", "GiB", "TiB",
                                                             "PiB", "EiB", "ZiB", "YiB"};
  double size = static_cast<double>(bytes);
  std::size_t i = 0;
  while (size >= 1024.0 && i + 1 < kAbbrs.size()) {
    size /= 1024.0;
    ++i;
  }
  return fmt::format("{:.4g}{}", size, kAbbrs[i]);
}

util::Result<std::vector<std::string>> ReadUlimits(const YamlNode& node, std::string_view path) {
  std::vector<std::string> out;
  if (node.IsNull()) return out;
  if (!node.IsMapping()) return FailAt(node, "{} must be a mapping", path);
  for (const auto& [name, limit] : node.entries) {
    std::string field = fmt::format("{}.{}", path, name);
    if (std::find(kUlimitNames.begin(), kUlimitNames.end(), name) == kUlimitNames.end()) {
      return FailAt(limit, "{}: invalid ulimit type: {}", path, name);
    }
    std::int64_t soft = 0;
    std::int64_t hard = 0;
    // buildx formats the single-number form from the empty soft/hard fields ("nofile=0:0");
    // the number is meant for both, as docker reads it.
    if (limit.IsMapping()) {
      if (const YamlNode* s = limit.Find("soft")) soft = MANIFOLD_TRY(ReadInt(*s, field + ".soft"));
      if (const YamlNode* h = limit.Find("hard")) hard = MANIFOLD_TRY(ReadInt(*h, field + ".hard"));
    } else {
      soft = hard = MANIFOLD_TRY(ReadInt(limit, field));
    }
    if (hard != -1 && (soft == -1 || soft > hard)) {
      return FailAt(limit,
                    "{}: ulimit soft limit must be less than or equal to hard limit: {} > {}",
                    field, soft, hard);
    }
    out.push_back(fmt::format("{}={}:{}", name, soft, hard));
  }
  std::sort(out.begin(), out.end());
  return out;
}

util::Result<std::map<std::string, std::string>> ReadExtraHosts(const YamlNode& node,
                                                                std::string_view path) {
  std::map<std::string, std::string> out;
  for (const std::string& entry : MANIFOLD_TRY(ReadStringList(node, path))) {
    std::size_t sep = entry.find('=');
    if (sep == std::string::npos) sep = entry.find(':');
    if (sep == std::string::npos) {
      return FailAt(node, "{}: invalid additional host, missing IP: {}", path, entry);
    }
    std::string host = entry.substr(0, sep);
    if (host.empty() || host.find_first_of(":=") != std::string::npos) {
      return FailAt(node, "{}: bad host name '{}'", path, host);
    }
    std::string_view ips = std::string_view(entry).substr(sep + 1);
    while (true) {
      std::size_t comma = ips.find(',');
      std::string_view ip = ips.substr(0, comma);
      if (ip.size() > 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
      std::string& joined = out[host];
      if (!joined.empty()) joined += ',';
      joined += ip;
      if (comma == std::string_view::npos) break;
      ips.remove_prefix(comma + 1);
    }
  }
  return out;
}

std::string ResolveLocalPath(std::string_view path, const VariableLookup& lookup) {
  std::string expanded(path);
  if (path.starts_with('~')) {
    if (auto home = lookup("HOME"); home && !home->empty()) {
      expanded = *home + "/" + std::string(path.substr(1));
    }
  }
  if (expanded.empty()) return expanded;
  return CleanPath(expanded);
}

std::string ResolveContextPath(std::string_view path, const VariableLookup& lookup) {
  static constexpr std::array<std::string_view, 7> kRemote = {
      "service:", "https://", "http://", "git://", "ssh://", "github.com/", "git@"};
  if (path.find("://") != std::string_view::npos) return std::string(path);
  for (std::string_view prefix : kRemote) {
    if (path.starts_with(prefix)) return std::string(path);
  }
  return ResolveLocalPath(path, lookup);
}

std::string CsvField(std::string_view key, std::string_view value) {
  std::string field = fmt::format("{}={}", key, value);
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace manifold::bake::internal
