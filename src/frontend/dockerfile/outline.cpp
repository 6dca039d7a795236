// Stage and arg descriptions from the comments above them; what a target reads.
#include "frontend/dockerfile/outline.hpp"

#include <set>

#include "frontend/dockerfile/flags.hpp"
#include "frontend/dockerfile/source_lines.hpp"
#include "frontend/internal/stages.hpp"
#include "util/csv.hpp"

namespace manifold::frontend::dockerfile {

namespace {

// The physical lines as the parser numbers them, without their line endings. The text parsed
// already, so splitting it again does not fail.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (auto line : SplitSourceLines(text, "Dockerfile").value_or(std::vector<std::string_view>{})) {
    lines.push_back(WithoutNewline(line));
  }
  return lines;
}

std::string_view Trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string_view::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t\r") - a + 1);
}

// BuildKit's rule: the comment block directly above line `line` whose first word is `name`
// describes it; the description is the block's text without that word.
std::string DescriptionAbove(const std::vector<std::string_view>& lines, int line, std::string_view name) {
  std::vector<std::string_view> block;
  for (int i = line - 2; i >= 0 && i < static_cast<int>(lines.size()); --i) {
    std::string_view l = Trim(lines[i]);
    if (l.empty() || l.front() != '#') break;
    block.insert(block.begin(), Trim(l.substr(1)));
  }
  if (block.empty()) return {};
  std::string_view first = block.front();
  if (first.substr(0, name.size()) != name || (first.size() > name.size() && first[name.size()] != ' ')) return {};
  std::string out(Trim(first.substr(name.size())));
  for (size_t i = 1; i < block.size(); ++i) out += (out.empty() ? "" : " ") + std::string(block[i]);
  return out;
}

std::optional<std::string> FlagValue(const Instruction& inst, std::string_view name) {
  auto flags = ParseFlags(inst.flags);
  if (!flags) return std::nullopt;
  for (const auto& f : *flags) {
    if (f.name == name && f.value) return f.value;
  }
  return std::nullopt;
}

// The stages `root` builds on, itself included, in file order.
std::set<int> StagesUsed(const internal::StageList& list, int root) {
  std::set<int> used;
  std::vector<int> todo = {root};
  auto visit = [&](const std::string& name, int before) {
    if (auto found = internal::FindStage(list, name, before)) todo.push_back(*found);
  };
  while (!todo.empty()) {
    int index = todo.back();
    todo.pop_back();
    if (!used.insert(index).second) continue;
    const auto& stage = list.stages[index];
    visit(stage.from->args.empty() ? "" : stage.from->args[0], index);
    for (const auto* inst : stage.commands) {
      if (auto from = FlagValue(*inst, "from")) visit(*from, index);
      auto flags = ParseFlags(inst->flags);
      if (!flags) continue;
      for (const auto& f : *flags) {
        if (f.name != "mount" || !f.value) continue;
        auto fields = util::SplitCsv(*f.value);
        if (!fields) continue;
        for (const auto& field : *fields) {
          if (field.rfind("from=", 0) == 0) visit(field.substr(5), index);
        }
      }
    }
  }
  return used;
}

void AddMounts(const Instruction& inst, OutlineInfo& out) {
  auto flags = ParseFlags(inst.flags);
  if (!flags) return;
  for (const auto& f : *flags) {
    if (f.name != "mount" || !f.value) continue;
    auto fields = util::SplitCsv(*f.value);
    if (!fields) continue;
    std::string type, id, target;
    bool required = false;
    for (const auto& field : *fields) {
      size_t eq = field.find('=');
      std::string key = field.substr(0, eq), value = eq == std::string::npos ? "true" : field.substr(eq + 1);
      if (key == "type") type = value;
      else if (key == "id") id = value;
      else if (key == "target" || key == "dst" || key == "destination") target = value;
      else if (key == "required") required = value == "true" || value == "1";
    }
    // BuildKit: a secret's id defaults to its target's base name; ssh's to "default".
    if (type == "secret") {
      if (id.empty()) id = target.substr(target.find_last_of('/') + 1);
      out.secrets.push_back({id, required, inst.start_line});
    } else if (type == "ssh") {
      out.ssh.push_back({id.empty() ? "default" : id, required, inst.start_line});
    }
  }
}

}  // namespace

std::vector<TargetInfo> ListTargets(const Dockerfile& file, std::string_view text) {
  auto list = internal::SplitStages(file, "Dockerfile");
  if (!list) return {};
  auto lines = Lines(text);
  std::vector<TargetInfo> targets;
  for (const auto& stage : list->stages) {
    if (stage.from->args.size() < 3) continue;
    TargetInfo t;
    t.name = stage.from->args[2];
    t.base = stage.from->args[0];
    t.platform = FlagValue(*stage.from, "platform").value_or("");
    t.line = stage.from->start_line;
    t.description = DescriptionAbove(lines, t.line, t.name);
    t.is_default = &stage == &list->stages.back();
    targets.push_back(std::move(t));
  }
  return targets;
}

util::Result<OutlineInfo> Outline(const Dockerfile& file, std::string_view text, const std::string& target,
                                  const std::map<std::string, std::string>& build_args) {
  auto list = MANIFOLD_TRY(internal::SplitStages(file, "Dockerfile"));
  auto lines = Lines(text);
  int root = static_cast<int>(list.stages.size()) - 1;
  if (!target.empty()) {
    auto found = internal::FindStage(list, target, -1);
    if (!found) return util::Fail(util::ErrorKind::kInvalidArgument, "--target {:?}: no stage of that name", target);
    root = *found;
  }
  OutlineInfo out;
  const auto& stage = list.stages[root];
  out.target = stage.from->args.size() >= 3 ? stage.from->args[2] : stage.DisplayName();
  out.description = DescriptionAbove(lines, stage.from->start_line, out.target);
  std::set<std::string> seen;
  auto add_arg = [&](const Instruction& inst) {
    for (const auto& word : inst.args) {
      size_t eq = word.find('=');
      std::string name = word.substr(0, eq);
      if (!seen.insert(name).second) continue;
      ArgInfo arg;
      arg.name = name;
      if (auto it = build_args.find(name); it != build_args.end()) arg.value = it->second;
      else if (eq != std::string::npos) arg.value = word.substr(eq + 1);
      arg.description = DescriptionAbove(lines, inst.start_line, name);
      arg.line = inst.start_line;
      out.args.push_back(std::move(arg));
    }
  };
  for (const auto* inst : list.global_args) add_arg(*inst);
  for (int index : StagesUsed(list, root)) {
    for (const auto* inst : list.stages[index].commands) {
      if (inst->keyword == "arg") add_arg(*inst);
      if (inst->keyword == "run") AddMounts(*inst, out);
    }
  }
  return out;
}

}  // namespace manifold::frontend::dockerfile
