// The line loop of the Dockerfile parser: directives, continuations, dispatch and heredoc bodies.
#include "frontend/dockerfile/parser.hpp"

#include <memory>
#include <vector>

#include "frontend/dockerfile/directives.hpp"
#include "frontend/dockerfile/go_quote.hpp"
#include "frontend/dockerfile/heredoc.hpp"
#include "frontend/dockerfile/instruction_parser.hpp"
#include "frontend/dockerfile/source_lines.hpp"
#include "frontend/dockerfile/text.hpp"

namespace manifold::frontend::dockerfile {
namespace {

bool IsComment(std::string_view line) {
  line = TrimLeftSpace(line);
  return !line.empty() && line.front() == '#';
}

// Removes a trailing line-continuation escape (and the blanks after it). BuildKit's rule is the
// regexp `([^E])E[ \t]*$|^E[ \t]*$`: an escape preceded by another escape does not continue
// the line, one alone on its line does. Returns whether the line continues.
bool TrimContinuation(std::string_view& line, char escape) {
  std::size_t end = line.size();
  while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
  if (end == 0 || line[end - 1] != escape) return false;
  if (end >= 2 && line[end - 2] == escape) return false;
  line = line.substr(0, end - 1);
  return true;
}

class Parser {
 public:
  Parser(std::vector<std::string_view> lines, std::string_view file_name)
      : lines_(std::move(lines)), file_name_(file_name) {}

  util::Result<Dockerfile> Run() {
    while (next_ < lines_.size()) {
      const std::size_t first = next_++;
      std::string_view text = TrimLeftSpace(WithoutNewline(lines_[first]));
      MANIFOLD_CHECK(ScanDirective(first, text));
      if (IsComment(text)) text = {};
      bool continues = TrimContinuation(text, out_.escape_token);
      if (!continues && text.empty()) continue;
      std::string logical(text);
      int empty_line = 0;
      while (continues && next_ < lines_.size()) {
        const std::size_t index = next_++;
        std::string_view part = WithoutNewline(lines_[index]);
        MANIFOLD_CHECK(ScanDirective(index, part));
        if (IsComment(part)) continue;
        if (TrimLeftSpace(part).empty()) {
          if (empty_line == 0) empty_line = static_cast<int>(index) + 1;
          continue;
        }
        continues = TrimContinuation(part, out_.escape_token);
        logical += part;
      }
      if (empty_line != 0) {
        out_.warnings.push_back(Warning{
            empty_line, "empty continuation line (these will become errors in a future release)"});
      }
      MANIFOLD_CHECK(AddInstruction(first, logical));
    }
    if (out_.instructions.empty()) {
      const int line = static_cast<int>(lines_.size());
      return std::unexpected(
          util::Error(util::ErrorKind::kInvalidArgument, "file with no instructions")
              .At(LocationOf(file_name_, line == 0 ? 1 : line, line == 0 ? "" : lines_.back(), 1)));
    }
    return std::move(out_);
  }

 private:
  util::Status ScanDirective(std::size_t index, std::string_view text) {
    if (directives_.done()) return {};
    auto directive = directives_.Scan(text);
    if (!directive) {
      return std::unexpected(
          std::move(directive.error()).At(LocationOf(file_name_, static_cast<int>(index) + 1,
                                                     lines_[index], FirstColumn(lines_[index]))));
    }
    if (!*directive) return {};
    if ((*directive)->name == "escape") out_.escape_token = (*directive)->value[0];
    if ((*directive)->name == "syntax") out_.syntax = (*directive)->value;
    if ((*directive)->name == "check") {
      auto checks = ParseCheckOptions((*directive)->value);
      if (!checks) {
        return std::unexpected(util::Error(checks.error().kind(), "check directive: " + checks.error().message())
                                   .At(LocationOf(file_name_, static_cast<int>(index) + 1, lines_[index],
                                                  FirstColumn(lines_[index]))));
      }
      out_.check = (*directive)->value;
      out_.checks = std::move(*checks);
    }
    return {};
  }

  util::Error Located(util::Error error, std::size_t first) const {
    return std::move(error).At(LocationOf(file_name_, static_cast<int>(first) + 1, lines_[first],
                                          FirstColumn(lines_[first])));
  }

  util::Status AddInstruction(std::size_t first, const std::string& logical) {
    auto parsed = ParseInstructionLine(logical, out_.escape_token);
    if (!parsed) return std::unexpected(Located(std::move(parsed.error()), first));
    Instruction inst = std::move(*parsed);
    inst.start_line = static_cast<int>(first) + 1;
    if (CanContainHeredoc(inst) && logical.find("<<") != std::string::npos) {
      auto heredocs = HeredocsFromLine(logical);
      if (!heredocs) return std::unexpected(Located(std::move(heredocs.error()), first));
      for (Heredoc& heredoc : *heredocs) {
        MANIFOLD_CHECK(ReadHeredocBody(first, heredoc));
        inst.heredocs.push_back(std::move(heredoc));
      }
    }
    inst.end_line = static_cast<int>(next_);
    if (inst.trigger) {
      // The trigger is the instruction the heredocs were written for; give it the lines too so
      // that the semantic layer can report and replay it on its own.
      auto trigger = std::make_shared<Instruction>(*inst.trigger);
      trigger->start_line = inst.start_line;
      trigger->end_line = inst.end_line;
      trigger->heredocs = inst.heredocs;
      inst.trigger = std::move(trigger);
    }
    out_.instructions.push_back(std::move(inst));
    return {};
  }

  // Bodies are read raw: no comment stripping, no continuation, newlines kept. Only the
  // terminator test drops the line ending (and, for <<-, the leading tabs).
  util::Status ReadHeredocBody(std::size_t first, Heredoc& heredoc) {
    while (next_ < lines_.size()) {
      const std::string_view line = lines_[next_++];
      std::string_view candidate = WithoutNewline(line);
      if (heredoc.chomp) {
        while (!candidate.empty() && candidate.front() == '\t') candidate.remove_prefix(1);
      }
      if (candidate == heredoc.name) return {};
      heredoc.content += line;
    }
    return std::unexpected(Located(
        util::Error(util::ErrorKind::kInvalidArgument,
                    fmt::format("unterminated heredoc {}: the file ends before a line {} "
                                "(heredoc started on line {})",
                                GoQuote(heredoc.name), GoQuote(heredoc.name), first + 1)),
        first));
  }

  std::vector<std::string_view> lines_;
  std::size_t next_ = 0;
  std::string_view file_name_;
  DirectiveScanner directives_;
  Dockerfile out_;
};

}  // namespace

util::Result<Dockerfile> Parse(std::string_view bytes, std::string_view file_name) {
  auto lines = SplitSourceLines(bytes, file_name);
  if (!lines) return std::unexpected(std::move(lines.error()));
  return Parser(std::move(*lines), file_name).Run();
}

}  // namespace manifold::frontend::dockerfile
