// SelectContext: the context subtrees read by COPY/ADD and RUN --mount=type=bind steps.
#include "builder/context_selection.hpp"

#include <algorithm>
#include <set>
#include <variant>

#include "graph/op.hpp"
#include "worker/context_checksum.hpp"

namespace manifold::builder {
namespace {

bool IsLocal(const graph::Vertex* v, std::string_view identifier) {
  if (v == nullptr) return false;
  const auto* source = std::get_if<graph::SourceOp>(&v->op());
  return source != nullptr && source->kind == graph::SourceOp::Kind::kLocal && source->identifier == identifier;
}

bool Within(std::string_view path, std::string_view dir) {
  return dir.empty() || path == dir || (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/');
}

}  // namespace

bool ContextSelection::Selects(std::string_view relative_path) const {
  return std::any_of(subtrees.begin(), subtrees.end(), [&](const std::string& subtree) {
    return Within(relative_path, subtree) || Within(subtree, relative_path);
  });
}

ContextSelection SelectContext(const std::vector<frontend::dockerfile::PlatformBuild>& platforms,
                               const std::filesystem::path& context_dir, std::string_view identifier) {
  auto IsContext = [identifier](const graph::Vertex* v) { return IsLocal(v, identifier); };
  std::set<std::string> subtrees;
  bool reads = false;
  std::set<const graph::Vertex*> seen;
  std::vector<const graph::Vertex*> todo;
  for (const auto& p : platforms) {
    if (p.root) todo.push_back(p.root.get());
  }
  while (!todo.empty()) {
    const graph::Vertex* v = todo.back();
    todo.pop_back();
    if (!seen.insert(v).second) continue;
    reads = reads || IsContext(v);
    std::set<size_t> by_selector;  // inputs read through a path: only that path of them
    auto select = [&](int input, std::string_view selector) {
      if (input < 0 || static_cast<size_t>(input) >= v->inputs().size()) return;
      by_selector.insert(static_cast<size_t>(input));
      if (IsContext(v->inputs()[input].get())) subtrees.insert(worker::SelectedSubtree(context_dir, selector));
    };
    if (const auto* file = std::get_if<graph::FileOp>(&v->op())) {
      for (const auto& action : file->actions) {
        if (const auto* copy = std::get_if<graph::CopyAction>(&action)) select(copy->source_input, copy->source_path);
      }
    } else if (const auto* exec = std::get_if<graph::ExecOp>(&v->op())) {
      for (const auto& mount : exec->mounts) {
        if (mount.type == graph::ExecMount::Type::kBind) select(mount.input, mount.selector);
      }
    }
    for (size_t i = 0; i < v->inputs().size(); ++i) {
      const graph::Vertex* input = v->inputs()[i].get();
      if (input == nullptr) continue;
      // The context taken whole (as a base, say) rather than through a path: all of it is read.
      if (IsContext(input) && !by_selector.contains(i)) subtrees.insert("");
      todo.push_back(input);
    }
  }
  ContextSelection selection;
  selection.reads = reads;
  if (subtrees.contains("")) {
    selection.subtrees = {""};
  } else {
    selection.subtrees.assign(subtrees.begin(), subtrees.end());
  }
  return selection;
}

}  // namespace manifold::builder
