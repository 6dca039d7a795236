// `manifold ls [--format json]`: every builder instance and its nodes, as buildx ls.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/instance_view.hpp"
#include "cli/table.hpp"
#include "image/platform_parse.hpp"

namespace manifold::cli {
namespace {

using Row = std::array<std::string, 5>;

void PrintTable(const std::vector<Row>& rows) {
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : rows) cells.emplace_back(row.begin(), row.end());
  fmt::print("{}", FormatTable(cells));
}

nlohmann::json NodeJson(const builder::NodeStatus& s) {
  nlohmann::json platforms = nlohmann::json::array(), emulated = nlohmann::json::array();
  for (const auto& p : s.node.platforms) platforms.push_back(image::Format(p));
  for (const auto& p : s.info.emulated) emulated.push_back(image::Format(p));
  nlohmann::json j = {{"name", s.node.name},   {"endpoint", EndpointLabel(s.node)}, {"status", StatusLabel(s)},
                      {"platforms", platforms}, {"emulated", emulated}};
  if (s.reachable) {
    j["version"] = s.info.version;
    j["native"] = image::Format(s.info.native);
  } else {
    j["error"] = s.error;
    j["native"] = nullptr;
  }
  return j;
}

int Ls(const std::string& format) {
  if (format != "table" && format != "json") {
    return ReportError(util::Error(util::ErrorKind::kInvalidArgument,
                                   fmt::format("--format {:?} is not supported: use table or json", format)));
  }
  auto store = Instances();
  auto instances = store.List();
  if (!instances) return ReportError(instances.error());
  // The `*` marks the instance commands would use now, env variables included (as buildx).
  std::string current;
  if (auto selected = store.Select(""); selected) {
    current = selected->name;
  } else {
    fmt::print(stderr, "warning: {}\n", selected.error().What());
  }
  std::vector<Row> rows = {Row{"NAME/NODE", "DRIVER/ENDPOINT", "STATUS", "VERSION", "PLATFORMS"}};
  for (const auto& instance : *instances) {
    auto status = builder::ProbeNodes(instance);
    if (format == "json") {
      nlohmann::json nodes = nlohmann::json::array();
      for (const auto& s : status) nodes.push_back(NodeJson(s));
      nlohmann::json j = {
          {"name", instance.name}, {"driver", instance.driver}, {"current", instance.name == current}, {"nodes", nodes}};
      fmt::print("{}\n", j.dump());
      continue;
    }
    rows.push_back(Row{instance.name + (instance.name == current ? "*" : ""), instance.driver, "", "", ""});
    for (const auto& s : status) {
      rows.push_back(Row{" \\_ " + s.node.name, " \\_ " + EndpointLabel(s.node), StatusLabel(s),
                         s.reachable ? s.info.version : "", fmt::format("{}", fmt::join(ListedPlatforms(s), ", "))});
    }
  }
  if (format == "table") PrintTable(rows);
  return kExitOk;
}

}  // namespace

void RegisterLs(CLI::App& app, int* exit_code) {
  auto format = std::make_shared<std::string>("table");
  auto* cmd = app.add_subcommand("ls", "List builder instances and their nodes");
  cmd->add_option("--format", *format, "table (default) or json (one object per instance)");
  cmd->callback([format, exit_code] { *exit_code = Ls(*format); });
}

}  // namespace manifold::cli
