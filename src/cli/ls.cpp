// `manifold ls [--format json]`: every builder instance and its nodes, as buildx ls.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "cli/buildx_compat.hpp"
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

// buildx's node JSON (Name, Endpoint, Status, Version, Platforms, Err), plus manifold's own
// Native/Emulated. Version is what buildx reports there: the node's BuildKit version.
nlohmann::json NodeJson(const builder::NodeStatus& s) {
  nlohmann::json platforms = nlohmann::json::array(), emulated = nlohmann::json::array();
  for (const auto& p : ListedPlatforms(s)) platforms.push_back(p.ends_with("*") ? p.substr(0, p.size() - 1) : p);
  for (const auto& p : s.info.emulated) emulated.push_back(image::Format(p));
  nlohmann::json j = {{"Name", s.node.name}, {"Endpoint", EndpointLabel(s.node)}, {"Status", StatusLabel(s)}};
  if (s.reachable) {
    j["Version"] = BuildkitVersionLabel(s.info.version);
    j["Platforms"] = platforms;
    j["Native"] = image::Format(s.info.native);
    j["Emulated"] = emulated;
  } else {
    j["Status"] = "error";
    j["Err"] = s.error;
    if (!platforms.empty()) j["Platforms"] = platforms;
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
  std::vector<Row> rows = {Row{"NAME/NODE", "DRIVER/ENDPOINT", "STATUS", "BUILDKIT", "PLATFORMS"}};
  for (const auto& instance : *instances) {
    auto status = builder::ProbeNodes(instance);
    if (format == "json") {
      nlohmann::json nodes = nlohmann::json::array();
      for (const auto& s : status) nodes.push_back(NodeJson(s));
      // buildx's builder JSON (Name, Driver, Dynamic, Nodes) plus Current, which buildx's
      // table marks with "*" and its JSON does not say.
      nlohmann::json j = {{"Name", instance.name},
                          {"Driver", instance.driver},
                          {"Dynamic", false},
                          {"Nodes", nodes},
                          {"Current", instance.name == current}};
      fmt::print("{}\n", j.dump());
      continue;
    }
    rows.push_back(Row{instance.name + (instance.name == current ? "*" : ""), instance.driver, "", "", ""});
    for (const auto& s : status) {
      rows.push_back(Row{" \\_ " + s.node.name, " \\_ " + EndpointLabel(s.node), StatusLabel(s),
                         s.reachable ? BuildkitVersionLabel(s.info.version) : "", fmt::format("{}", fmt::join(ListedPlatforms(s), ", "))});
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
