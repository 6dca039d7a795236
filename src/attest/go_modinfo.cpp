// Go's module info text, as runtime/debug.ParseBuildInfo reads it (its String() writes it).
#include "attest/go_modinfo.hpp"

#include <fmt/format.h>

namespace manifold::attest {

namespace {

std::vector<std::string_view> Columns(std::string_view line) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (true) {
    const size_t tab = line.find('\t', pos);
    out.push_back(line.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  return out;
}

// A Go quoted string ("a\"b") at the start of `text`: its value and the bytes it took; the
// escapes strconv.Quote writes for printable text (\" \\ \n \t \r); others stay as written.
bool Unquote(std::string_view text, std::string* value, size_t* used) {
  if (text.empty() || text.front() != '"') return false;
  value->clear();
  for (size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      *used = i + 1;
      return true;
    }
    if (c == '\\' && i + 1 < text.size()) {
      const char e = text[++i];
      *value += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
      continue;
    }
    *value += c;
  }
  return false;
}

}  // namespace

util::Status ParseGoModInfo(std::string_view text, GoBuildInfo& info) {
  GoModule* last = nullptr;
  size_t pos = 0;
  for (int number = 1; pos < text.size(); ++number) {
    const size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    auto fail = [&](std::string_view why) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "Go module info line {}: {}", number, why);
    };
    const auto cols = Columns(line);
    const std::string_view kind = cols.front();
    if (kind == "path" && cols.size() >= 2) {
      info.path = cols[1];
      last = nullptr;
    } else if (kind == "mod" || kind == "dep" || kind == "=>") {
      if (cols.size() != 3 && cols.size() != 4) return fail(fmt::format("{} line has {} columns, not 2 or 3", kind, cols.size() - 1));
      const std::string_view sum = cols.size() == 4 ? cols[3] : std::string_view{};
      if (kind == "=>") {
        if (last == nullptr) return fail("replacement with no module on the line before");
        last->replace_path = cols[1];
        last->replace_version = cols[2];
        last->replace_sum = sum;
        last = nullptr;
        continue;
      }
      GoModule m{std::string(cols[1]), std::string(cols[2]), std::string(sum), "", "", ""};
      if (kind == "mod") {
        info.main = std::move(m);
        last = &info.main;
      } else {
        info.deps.push_back(std::move(m));
        last = &info.deps.back();
      }
    } else if (kind == "build" && cols.size() >= 2) {
      const std::string_view kv = line.substr(6);
      std::string key, value;
      size_t used = 0;
      if (kv.starts_with('"')) {
        if (!Unquote(kv, &key, &used) || kv.substr(used, 1) != "=") return fail("bad quoted key of a build line");
      } else {
        used = kv.find('=');
        if (used == std::string_view::npos || used == 0) return fail("build line without key=value");
        key = kv.substr(0, used);
      }
      const std::string_view raw = kv.substr(used + 1);
      size_t value_used = 0;
      if (!(raw.starts_with('"') && Unquote(raw, &value, &value_used))) value = raw;
      info.settings.emplace_back(std::move(key), std::move(value));
      last = nullptr;
    } else {
      last = nullptr;  // "go" lines (newer toolchains), blank lines, unknown kinds
    }
  }
  return {};
}

}  // namespace manifold::attest
