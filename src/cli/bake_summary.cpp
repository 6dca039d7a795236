// PrintBakeSummary: target × platform rows through FormatTable.
#include "cli/bake_summary.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/table.hpp"
#include "image/platform_parse.hpp"

namespace manifold::cli {

void PrintBakeSummary(const std::vector<std::pair<std::string, builder::BuildResult>>& results,
                      const std::map<std::string, std::vector<std::string>>& outputs, double seconds) {
  fmt::print(stderr, "\n{} target{} built in {:.1f}s\n", results.size(), results.size() == 1 ? "" : "s", seconds);
  std::vector<std::vector<std::string>> rows = {{"TARGET", "PLATFORM", "DIGEST", "NODE", "RUN"}};
  for (const auto& [name, result] : results) {
    for (const auto& p : result.platforms) {
      const auto& t = p.run_steps;
      rows.push_back({name, image::Format(p.platform), p.manifest.digest.str().substr(0, 19),
                      fmt::format("{} ({})", p.node.empty() ? "local" : p.node, p.native ? "native" : "emulated"),
                      fmt::format("{:.1f}s", t.native_seconds + t.emulated_seconds)});
    }
  }
  fmt::print(stderr, "{}", FormatTable(rows));
  for (const auto& [name, result] : results) {
    std::vector<std::string> where;
    if (!result.pushed.empty()) where.push_back(fmt::format("pushed {}", fmt::join(result.pushed, ", ")));
    if (!result.loaded.empty()) where.push_back(fmt::format("loaded {}", fmt::join(result.loaded, ", ")));
    if (!result.archived.empty()) where.push_back(fmt::format("archived {}", fmt::join(result.archived, ", ")));
    for (const auto& note : result.notes) where.push_back(note);
    if (where.empty()) {
      if (auto it = outputs.find(name); it != outputs.end() && !it->second.empty()) {
        where.push_back(fmt::format("output {}", fmt::join(it->second, ", ")));
      }
    }
    fmt::print(stderr, "{}: {} {}\n", name, result.root.digest.str(),
               where.empty() ? "(build cache only)" : fmt::format("{}", fmt::join(where, "; ")));
  }
}

}  // namespace manifold::cli
