// SOURCE_DATE_EPOCH: build arg (the environment's, propagated by the cli) > global ARG default.
#include "builder/source_date_epoch.hpp"

#include <charconv>

#include <fmt/format.h>

namespace manifold::builder {

namespace {

constexpr std::string_view kName = "SOURCE_DATE_EPOCH";

util::Result<int64_t> ParseSeconds(std::string_view text, std::string_view where) {
  int64_t seconds = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || seconds < 0) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "{}: SOURCE_DATE_EPOCH {:?} is not a Unix time in seconds (e.g. $(git log -1 --pretty=%ct))",
                      where, text);
  }
  return seconds;
}

std::string_view Unquoted(std::string_view text) {
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') && text.back() == text.front()) {
    return text.substr(1, text.size() - 2);
  }
  return text;
}

}  // namespace

util::Result<std::optional<int64_t>> SourceDateEpochOf(const std::map<std::string, std::string>& build_args,
                                                        const frontend::dockerfile::Dockerfile& dockerfile,
                                                        const std::string& dockerfile_name) {
  if (auto it = build_args.find(std::string(kName)); it != build_args.end()) {
    if (it->second.empty()) return std::nullopt;
    return MANIFOLD_TRY(ParseSeconds(it->second, "--build-arg"));
  }
  std::optional<int64_t> found;
  for (const auto& inst : dockerfile.instructions) {
    if (inst.keyword == "from") break;  // only global ARGs set the build's epoch
    if (inst.keyword != "arg") continue;
    for (const auto& word : inst.args) {
      size_t eq = word.find('=');
      if (word.substr(0, eq) != kName) continue;
      if (eq == std::string::npos) continue;  // declared without a default: nothing to take
      std::string_view value = Unquoted(std::string_view(word).substr(eq + 1));
      if (value.empty()) {
        found.reset();
        continue;
      }
      found = MANIFOLD_TRY(ParseSeconds(value, fmt::format("{}:{}", dockerfile_name, inst.start_line)));
    }
  }
  return found;
}

}  // namespace manifold::builder
