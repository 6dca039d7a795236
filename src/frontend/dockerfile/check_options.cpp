// BuildKit's check option syntax (linter.ParseLintOptions), parsed without touching the disk.
#include "frontend/dockerfile/check_options.hpp"

#include <algorithm>

#include "frontend/dockerfile/text.hpp"
#include "util/go_bool.hpp"

namespace manifold::frontend::dockerfile {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    size_t at = s.find(sep, start);
    parts.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

util::Result<CheckOptions> Parse(std::string_view text, bool bare_error) {
  CheckOptions out;
  text = Trim(text);
  if (text.empty()) return out;
  for (std::string_view part : Split(text, ';')) {
    std::string_view trimmed = Trim(part);
    if (bare_error && trimmed == "error") {
      out.error = true;
      continue;
    }
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "invalid check option {:?}: want key=value (skip=RULE,… "
                        "or skip=all; error=true|false)", std::string(trimmed));
    }
    std::string_view key = Trim(part.substr(0, eq)), value = Trim(part.substr(eq + 1));
    if (key == "skip") {
      if (value == "all") {
        out.skip_all = true;
        continue;
      }
      for (std::string_view rule : Split(value, ',')) {
        rule = Trim(rule);
        if (rule.empty()) {
          return util::Fail(util::ErrorKind::kInvalidArgument, "invalid check option {:?}: an empty rule name",
                            std::string(trimmed));
        }
        out.skip.emplace_back(rule);
      }
    } else if (key == "error") {
      auto b = util::ParseGoBool(value);
      if (!b) {
        return util::Fail(util::ErrorKind::kInvalidArgument, "invalid check option {:?}: error takes true or false",
                          std::string(trimmed));
      }
      out.error = *b;
    } else if (key == "experimental") {
      continue;  // no experimental rules here; accepted so that Dockerfiles written for BuildKit build
    } else {
      return util::Fail(util::ErrorKind::kInvalidArgument, "invalid check option {:?}: unknown key {:?} (known: "
                        "skip, error, experimental)", std::string(trimmed), std::string(key));
    }
  }
  return out;
}

}  // namespace

bool CheckOptions::Skips(std::string_view rule) const {
  return skip_all || std::find(skip.begin(), skip.end(), rule) != skip.end();
}

util::Result<CheckOptions> ParseCheckOptions(std::string_view text) { return Parse(text, /*bare_error=*/false); }

util::Result<CheckOptions> ParseCheckFlag(std::string_view text) { return Parse(text, /*bare_error=*/true); }

CheckOptions MergeCheckOptions(CheckOptions base, const CheckOptions& over) {
  base.skip_all = base.skip_all || over.skip_all;
  base.skip.insert(base.skip.end(), over.skip.begin(), over.skip.end());
  if (over.error) base.error = over.error;
  return base;
}

}  // namespace manifold::frontend::dockerfile
