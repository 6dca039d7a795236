// ADD's extraction bounds from the environment, with proportional defaults.
#include "worker/internal/extract_limits.hpp"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <initializer_list>
#include <limits>
#include <utility>
#include <algorithm>

namespace manifold::worker::internal {

util::Result<uint64_t> ParseByteSize(std::string_view text, std::string_view what) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  std::string unit(end, text.data() + text.size());
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  int shift = -1;
  if (unit.empty() || unit == "b") shift = 0;
  for (auto [letter, bits] : std::initializer_list<std::pair<char, int>>{{'k', 10}, {'m', 20}, {'g', 30}, {'t', 40}}) {
    for (const char* tail : {"", "b", "i", "ib"}) {
      if (unit == letter + std::string(tail)) shift = bits;
    }
  }
  if (ec != std::errc() || end == text.data() || shift < 0 ||
      (shift > 0 && value > (std::numeric_limits<uint64_t>::max() >> shift))) {
    return util::Fail(util::ErrorKind::kInvalidArgument,
                      "{}={:?}: expected a size in bytes, optionally with a K, M, G or T suffix (e.g. 20G)", what,
                      text);
  }
  return value << shift;
}

util::Result<ExtractLimits> AddExtractLimits(uint64_t archive_bytes) {
  ExtractLimits limits;
  if (const char* env = std::getenv("MANIFOLD_ADD_MAX_EXTRACT"); env && *env) {
    limits.max_bytes = MANIFOLD_TRY(ParseByteSize(env, "MANIFOLD_ADD_MAX_EXTRACT"));
  } else {
    const uint64_t proportional = archive_bytes > std::numeric_limits<uint64_t>::max() / kAddExtractRatio
                                      ? std::numeric_limits<uint64_t>::max()
                                      : archive_bytes * kAddExtractRatio;
    limits.max_bytes = std::max(kAddExtractFloor, proportional);
  }
  limits.max_entries = kAddMaxEntries;
  if (const char* env = std::getenv("MANIFOLD_ADD_MAX_ENTRIES"); env && *env) {
    uint64_t value = 0;
    std::string_view text(env);
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
      return util::Fail(util::ErrorKind::kInvalidArgument, "MANIFOLD_ADD_MAX_ENTRIES={:?}: expected a count", text);
    }
    limits.max_entries = value;
  }
  limits.hint =
      "to allow it, set MANIFOLD_ADD_MAX_EXTRACT=<size> (default: 100 times the archive's size, at least 1G) or "
      "MANIFOLD_ADD_MAX_ENTRIES=<count> (default: 1000000) in manifold's environment; 0 means no limit";
  return limits;
}

}  // namespace manifold::worker::internal
