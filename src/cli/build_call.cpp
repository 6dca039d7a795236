// The calls that read the Dockerfile instead of building it, and their buildx-shaped output.
#include "cli/build_call.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/table.hpp"
#include "frontend/dockerfile/outline.hpp"
#include "frontend/dockerfile/source_lines.hpp"

namespace manifold::cli {

namespace {

namespace df = frontend::dockerfile;
using json = nlohmann::json;

std::string SourceLines(std::string_view text, int start, int end) {
  // Numbered as the parser numbers them (the text parsed already: splitting cannot fail).
  auto lines = df::SplitSourceLines(text, "Dockerfile").value_or(std::vector<std::string_view>{});
  std::string out;
  int first = std::max(1, start - 2), last = std::min(static_cast<int>(lines.size()), end + 2);
  for (int i = first; i <= last; ++i) {
    bool marked = i >= start && i <= end;
    out += fmt::format("{:>4} | {}{}\n", i, marked ? ">>> " : "    ", df::WithoutNewline(lines[i - 1]));
  }
  return out;
}

int Check(const CallSpec& call, const builder::DockerfileForCall& dockerfile) {
  auto findings = builder::LintDockerfile(dockerfile);
  if (call.json) {
    json warnings = json::array();
    for (const auto& f : findings) {
      warnings.push_back({{"ruleName", f.rule},
                          {"description", f.description},
                          {"url", f.url},
                          {"detail", f.message},
                          {"location", {{"file", dockerfile.name}, {"start", f.start_line}, {"end", f.end_line}}}});
    }
    fmt::print("{}\n", json{{"warnings", warnings}}.dump(2));
  } else {
    fmt::print("{}", FormatLintFindings(findings, dockerfile));
    if (findings.empty()) fmt::print("Check complete, no warnings found.\n");
    else if (findings.size() == 1) fmt::print("Check complete, 1 warning has been found!\n");
    else fmt::print("Check complete, {} warnings have been found!\n", findings.size());
  }
  return findings.empty() ? kExitOk : kExitFailure;
}

int Targets(const CallSpec& call, const builder::DockerfileForCall& dockerfile) {
  auto targets = df::ListTargets(dockerfile.parsed, dockerfile.text);
  if (call.json) {
    json list = json::array();
    for (const auto& t : targets) {
      json entry = {{"name", t.name}, {"base", t.base}, {"line", t.line}};
      if (!t.description.empty()) entry["description"] = t.description;
      if (!t.platform.empty()) entry["platform"] = t.platform;
      if (t.is_default) entry["default"] = true;
      list.push_back(std::move(entry));
    }
    fmt::print("{}\n", json{{"targets", list}}.dump(2));
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows = {{"TARGET", "DESCRIPTION"}};
  for (const auto& t : targets) rows.push_back({t.is_default ? t.name + " (default)" : t.name, t.description});
  fmt::print("{}", FormatTable(rows));
  return kExitOk;
}

int OutlineCall(const CallSpec& call, const builder::BuildRequest& request, const builder::DockerfileForCall& dockerfile) {
  auto outline = df::Outline(dockerfile.parsed, dockerfile.text, request.target, request.build_args);
  if (!outline) {
    fmt::print(stderr, "error: {}\n", outline.error().Describe());
    return kExitUsage;
  }
  if (call.json) {
    json args = json::array(), secrets = json::array(), ssh = json::array();
    for (const auto& a : outline->args) {
      json entry = {{"name", a.name}, {"line", a.line}};
      if (a.value) entry["value"] = *a.value;
      if (!a.description.empty()) entry["description"] = a.description;
      args.push_back(std::move(entry));
    }
    for (const auto& s : outline->secrets) secrets.push_back({{"name", s.id}, {"required", s.required}});
    for (const auto& s : outline->ssh) ssh.push_back({{"name", s.id}, {"required", s.required}});
    fmt::print("{}\n", json{{"name", outline->target}, {"description", outline->description}, {"args", args},
                            {"secrets", secrets}, {"ssh", ssh}}
                           .dump(2));
    return kExitOk;
  }
  std::string out = FormatTable({{"TARGET:", outline->target}, {"DESCRIPTION:", outline->description}});
  if (!outline->args.empty()) {
    std::vector<std::vector<std::string>> rows = {{"BUILD ARG", "VALUE", "DESCRIPTION"}};
    for (const auto& a : outline->args) rows.push_back({a.name, a.value.value_or("<nil>"), a.description});
    out += "\n" + FormatTable(rows);
  }
  for (const auto& [title, list] : {std::pair{"SECRET", &outline->secrets}, std::pair{"SSH", &outline->ssh}}) {
    if (list->empty()) continue;
    std::vector<std::vector<std::string>> rows = {{title, "REQUIRED"}};
    for (const auto& m : *list) rows.push_back({m.id, m.required ? "true" : ""});
    out += "\n" + FormatTable(rows);
  }
  fmt::print("{}", out);
  return kExitOk;
}

}  // namespace

util::Result<CallSpec> ParseCall(std::string_view value) {
  CallSpec spec;
  size_t comma = value.find(',');
  std::string_view name = value.substr(0, comma);
  if (name == "build") spec.kind = CallKind::kBuild;
  else if (name == "check") spec.kind = CallKind::kCheck;
  else if (name == "outline") spec.kind = CallKind::kOutline;
  else if (name == "targets") spec.kind = CallKind::kTargets;
  else return util::Fail(util::ErrorKind::kInvalidArgument, "--call {:?}: use build, check, outline or targets", value);
  while (comma != std::string_view::npos) {
    size_t next = value.find(',', comma + 1);
    std::string_view option = value.substr(comma + 1, next == std::string_view::npos ? next : next - comma - 1);
    if (option == "format=json") spec.json = true;
    else if (option != "format=text") {
      return util::Fail(util::ErrorKind::kInvalidArgument, "--call {:?}: unknown option {:?} (format=text|json)", value,
                        option);
    }
    comma = next;
  }
  return spec;
}

int RunCall(const CallSpec& call, const builder::BuildRequest& request,
            const util::Result<builder::DockerfileForCall>& dockerfile) {
  if (!dockerfile) {
    fmt::print(stderr, "error: {}\n", dockerfile.error().Describe());
    return kExitFailure;
  }
  switch (call.kind) {
    case CallKind::kCheck: return Check(call, *dockerfile);
    case CallKind::kTargets: return Targets(call, *dockerfile);
    case CallKind::kOutline: return OutlineCall(call, request, *dockerfile);
    case CallKind::kBuild: break;
  }
  return kExitUsage;
}

std::string FormatLintFindings(const std::vector<frontend::dockerfile::LintFinding>& findings,
                               const builder::DockerfileForCall& dockerfile) {
  std::string out;
  for (const auto& f : findings) {
    out += fmt::format("WARNING: {} - {}\n{}\n{}:{}\n--------------------\n{}--------------------\n\n", f.rule, f.url,
                       f.message, dockerfile.name, f.start_line, SourceLines(dockerfile.text, f.start_line, f.end_line));
  }
  return out;
}

std::vector<std::string> RewriteCheckFlag(std::vector<std::string> args) {
  if (args.size() < 2) return args;
  const bool build = args[1] == "build" || args[1] == "b";
  const bool bake = args[1] == "bake" || args[1] == "f";  // its --check is only --call=check
  if (!build && !bake) return args;
  std::vector<std::string> out;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {  // the rest are positional
      out.insert(out.end(), args.begin() + static_cast<long>(i), args.end());
      break;
    }
    if (bake && arg != "--provenance" && arg != "--sbom") {
      out.push_back(arg);
      continue;
    }
    if (arg.rfind("--check=", 0) == 0) {
      std::string value = arg.substr(8);
      if (value == "true" || value == "1") out.push_back("--call=check");
      else if (value != "false" && value != "0") out.push_back("--check-options=" + value);
      continue;
    }
    if (arg == "--check" && i + 1 < args.size() &&
        (args[i + 1].rfind("error", 0) == 0 || args[i + 1].rfind("skip=", 0) == 0)) {
      out.push_back("--check-options=" + args[++i]);
      continue;
    }
    if (arg == "--check") {
      out.push_back("--call=check");
      continue;
    }
    // buildx's optional-value flags take a value only after `=`: a bare one means true and the
    // next word stays the next argument (`--provenance .` builds `.`).
    if (arg == "--provenance" || arg == "--sbom") {
      out.push_back(arg + "=true");
      continue;
    }
    out.push_back(arg);
  }
  return out;
}

}  // namespace manifold::cli
