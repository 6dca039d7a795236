// Grouping instructions into stages.
#include "frontend/internal/stages.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "frontend/dockerfile/limits.hpp"
#include "frontend/dockerfile/source_lines.hpp"
#include "frontend/dockerfile/text.hpp"

namespace manifold::frontend::internal {

namespace {
std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Docker's rule for stage names: a letter first, then letters, digits, '_', '-', '.'.
bool ValidStageName(const std::string& name) {
  if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-' || c == '.';
  });
}
}  // namespace

util::SourceLocation Where(const dockerfile::Instruction& instruction, const std::string& file_name) {
  // Cut as the parser cuts its lines: an instruction may be megabytes long.
  std::string first_line =
      dockerfile::DisplayText(std::string_view(instruction.original).substr(0, instruction.original.find('\n')));
  return util::SourceLocation{file_name, instruction.start_line, 1, std::move(first_line)};
}

util::Result<StageList> SplitStages(const dockerfile::Dockerfile& file, const std::string& file_name) {
  StageList list;
  for (const auto& inst : file.instructions) {
    if (inst.keyword == "from") {
      if (list.stages.size() == dockerfile::kMaxStages) {
        return std::unexpected(util::Error(util::ErrorKind::kInvalidArgument,
                                           fmt::format("more than {} stages; the limit is {} stages per Dockerfile",
                                                       dockerfile::kMaxStages, dockerfile::kMaxStages))
                                   .At(Where(inst, file_name)));
      }
      Stage stage;
      stage.index = static_cast<int>(list.stages.size());
      stage.from = &inst;
      if (inst.args.size() == 3 && Lower(inst.args[1]) == "as") {
        stage.name = Lower(inst.args[2]);
        if (!ValidStageName(stage.name)) {
          return std::unexpected(util::Error(util::ErrorKind::kInvalidArgument,
                                             fmt::format("invalid stage name {:?}: use letters, digits, '_', '-' "
                                                         "and '.', starting with a letter",
                                                         inst.args[2]))
                                     .At(Where(inst, file_name)));
        }
        for (const auto& other : list.stages) {
          if (other.name == stage.name) {
            return std::unexpected(util::Error(util::ErrorKind::kInvalidArgument,
                                               fmt::format("duplicate stage name {:?}", stage.name))
                                       .At(Where(inst, file_name)));
          }
        }
      } else if (inst.args.size() != 1) {
        return std::unexpected(util::Error(util::ErrorKind::kInvalidArgument,
                                           "FROM takes an image and optionally AS <name>: FROM [--platform=P] "
                                           "IMAGE [AS NAME]")
                                   .At(Where(inst, file_name)));
      }
      list.stages.push_back(std::move(stage));
      continue;
    }
    if (list.stages.empty()) {
      if (inst.keyword == "arg") {
        list.global_args.push_back(&inst);
        continue;
      }
      if (!dockerfile::IsKnownKeyword(inst.keyword)) {
        // Most likely not a Dockerfile at all (a -f pointing at the wrong file): its bytes are not
        // echoed, in case they are something secret.
        util::SourceLocation where = Where(inst, file_name);
        where.line_text.clear();
        return std::unexpected(util::Error(util::ErrorKind::kInvalidArgument,
                                           "the file does not start with a Dockerfile instruction (FROM or ARG, "
                                           "after comments and parser directives): is it a Dockerfile? (its "
                                           "text is not shown)")
                                   .At(std::move(where)));
      }
      return std::unexpected(util::Error(util::ErrorKind::kInvalidArgument,
                                         fmt::format("{} before the first FROM: only ARG may come before FROM",
                                                     Lower(inst.keyword)))
                                 .At(Where(inst, file_name)));
    }
    list.stages.back().commands.push_back(&inst);
  }
  return list;
}

std::optional<int> FindStage(const StageList& list, const std::string& name, int before) {
  std::string wanted = Lower(name);
  int limit = before < 0 ? static_cast<int>(list.stages.size()) : before;
  for (int i = 0; i < limit; ++i) {
    if (!list.stages[static_cast<size_t>(i)].name.empty() && list.stages[static_cast<size_t>(i)].name == wanted) return i;
  }
  int index = 0;
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), index);
  if (ec == std::errc() && end == name.data() + name.size() && index >= 0 && index < limit) return index;
  return std::nullopt;
}

}  // namespace manifold::frontend::internal
