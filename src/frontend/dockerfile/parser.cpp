// The line loop of the Dockerfile parser: directives, continuations, dispatch and heredoc bodies.
#include "frontend/dockerfile/parser.hpp"

#include <memory>
#include <vector>

#include "frontend/dockerfile/directives.hpp"
#include "frontend/dockerfile/go_quote.hpp"
#include "frontend/dockerfile/heredoc.hpp"
#include "frontend/dockerfile/instruction_parser.hpp"
#include "frontend/dockerfile/limits.hpp"
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

// How often (in physical lines) the parser looks at its stop token: cheap, and a line costs at
// most a few microseconds, so a stop is seen within milliseconds.
constexpr unsigned kStopCheckLines = 4096;

class Parser {
 public:
  Parser(std::string_view bytes, std::string_view file_name, std::stop_token stop)
      : bytes_(bytes), reader_(bytes, file_name), file_name_(file_name), stop_(std::move(stop)) {}

  util::Result<Dockerfile> Run() {
    if (bytes_.size() > kMaxDockerfileBytes) {
      return std::unexpected(
          util::Error(util::ErrorKind::kInvalidArgument,
                      fmt::format("the file is {} bytes; the limit is {} bytes ({} MiB) for a "
                                  "Dockerfile: move data into files of the build context",
                                  bytes_.size(), kMaxDockerfileBytes, kMaxDockerfileBytes / kMiB))
              .At(LocationOf(file_name_, 1, "", 1)));
    }
    for (;;) {
      auto line = MANIFOLD_TRY(NextLine());
      if (!line) break;
      first_ = *line;
      first_number_ = reader_.number();
      std::string_view text = TrimLeftSpace(WithoutNewline(first_));
      MANIFOLD_CHECK(ScanDirective(first_, text));
      if (IsComment(text)) text = {};
      bool continues = TrimContinuation(text, out_.escape_token);
      if (!continues && text.empty()) continue;
      std::string logical(text);
      int empty_line = 0;
      while (continues) {
        auto next = MANIFOLD_TRY(NextLine());
        if (!next) break;
        std::string_view part = WithoutNewline(*next);
        MANIFOLD_CHECK(ScanDirective(*next, part));
        if (IsComment(part)) continue;
        if (TrimLeftSpace(part).empty()) {
          if (empty_line == 0) empty_line = reader_.number();
          continue;
        }
        continues = TrimContinuation(part, out_.escape_token);
        // Refused as soon as the joined text passes the limit: the work stays linear in the
        // input and bounded in memory, however many continuation lines follow.
        if (logical.size() + part.size() > kMaxInstructionBytes) {
          return std::unexpected(Located(
              util::Error(util::ErrorKind::kInvalidArgument,
                          fmt::format("instruction is more than {} bytes long when its lines "
                                      "are joined at continuations (lines {}-{}); the limit is "
                                      "{} MiB: move the data into a file of the build context",
                                      kMaxInstructionBytes, first_number_, reader_.number(),
                                      kMaxInstructionBytes / kMiB))));
        }
        logical += part;
      }
      if (empty_line != 0) {
        out_.warnings.push_back(Warning{
            empty_line, "empty continuation line (these will become errors in a future release)"});
      }
      MANIFOLD_CHECK(AddInstruction(logical));
    }
    if (out_.instructions.empty()) {
      const int line = reader_.number();
      return std::unexpected(
          util::Error(util::ErrorKind::kInvalidArgument, "file with no instructions")
              .At(LocationOf(file_name_, line == 0 ? 1 : line, line == 0 ? "" : last_, 1)));
    }
    return std::move(out_);
  }

 private:
  // The next physical line, nullopt at the end; checks the stop token every few thousand lines.
  util::Result<std::optional<std::string_view>> NextLine() {
    if (++lines_read_ % kStopCheckLines == 0 && stop_.stop_requested()) {
      return util::Fail(util::ErrorKind::kCancelled, "parsing {} was interrupted", file_name_);
    }
    auto line = reader_.Next(dockerfile_like_);
    if (line && *line) last_ = **line;
    return line;
  }

  util::Status ScanDirective(std::string_view line, std::string_view text) {
    if (directives_.done()) return {};
    const int number = reader_.number();
    auto directive = directives_.Scan(text);
    if (!directive) {
      return std::unexpected(std::move(directive.error())
                                 .At(LocationOf(file_name_, number, line, FirstColumn(line))));
    }
    if (!*directive) return {};
    if ((*directive)->name == "escape") out_.escape_token = (*directive)->value[0];
    if ((*directive)->name == "syntax") out_.syntax = (*directive)->value;
    if ((*directive)->name == "check") {
      auto checks = ParseCheckOptions((*directive)->value);
      if (!checks) {
        return std::unexpected(
            util::Error(checks.error().kind(), "check directive: " + checks.error().message())
                .At(LocationOf(file_name_, number, line, FirstColumn(line))));
      }
      out_.check = (*directive)->value;
      out_.checks = std::move(*checks);
    }
    return {};
  }

  // An error located at the current instruction's first line. The line is shown only once the
  // file looks like a Dockerfile: a file that is not one (a secret a symlink or -f pointed at)
  // must not have its bytes echoed.
  util::Error Located(util::Error error) const {
    const bool show = dockerfile_like_ || LooksLikeDockerfileLine(first_);
    return std::move(error).At(LocationOf(file_name_, first_number_, show ? first_ : "",
                                          FirstColumn(first_)));
  }

  util::Status AddInstruction(const std::string& logical) {
    auto parsed = ParseInstructionLine(logical, out_.escape_token);
    if (!parsed) return std::unexpected(Located(std::move(parsed.error())));
    Instruction inst = std::move(*parsed);
    inst.start_line = first_number_;
    if (IsKnownKeyword(inst.keyword)) dockerfile_like_ = true;
    if (out_.instructions.size() >= kMaxInstructions) {
      return std::unexpected(Located(util::Error(
          util::ErrorKind::kInvalidArgument,
          fmt::format("more than {} instructions; the limit is {} per Dockerfile",
                      kMaxInstructions, kMaxInstructions))));
    }
    if (CanContainHeredoc(inst) && logical.find("<<") != std::string::npos) {
      auto heredocs = HeredocsFromLine(logical);
      if (!heredocs) return std::unexpected(Located(std::move(heredocs.error())));
      for (Heredoc& heredoc : *heredocs) {
        MANIFOLD_CHECK(ReadHeredocBody(heredoc));
        inst.heredocs.push_back(std::move(heredoc));
      }
    }
    inst.end_line = reader_.number();
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
  util::Status ReadHeredocBody(Heredoc& heredoc) {
    for (;;) {
      auto next = MANIFOLD_TRY(NextLine());
      if (!next) break;
      const std::string_view line = *next;
      std::string_view candidate = WithoutNewline(line);
      if (heredoc.chomp) {
        while (!candidate.empty() && candidate.front() == '\t') candidate.remove_prefix(1);
      }
      if (candidate == heredoc.name) return {};
      if (heredoc.content.size() + line.size() > kMaxHeredocBytes) {
        return std::unexpected(Located(util::Error(
            util::ErrorKind::kInvalidArgument,
            fmt::format("heredoc {} is more than {} bytes long (lines {}-{}); the limit is {} "
                        "MiB: COPY the data from a file of the build context instead",
                        GoQuote(heredoc.name), kMaxHeredocBytes, first_number_ + 1,
                        reader_.number(), kMaxHeredocBytes / kMiB))));
      }
      heredoc.content += line;
    }
    return std::unexpected(Located(
        util::Error(util::ErrorKind::kInvalidArgument,
                    fmt::format("unterminated heredoc {}: the file ends before a line {} "
                                "(heredoc started on line {})",
                                GoQuote(heredoc.name), GoQuote(heredoc.name), first_number_))));
  }

  std::string_view bytes_;
  SourceLines reader_;
  std::string_view file_name_;
  std::stop_token stop_;
  std::size_t lines_read_ = 0;
  std::string_view first_;  // the current instruction's first physical line
  int first_number_ = 0;
  std::string_view last_;   // the last physical line read
  bool dockerfile_like_ = false;  // a known instruction has been parsed
  DirectiveScanner directives_;
  Dockerfile out_;
};

}  // namespace

util::Result<Dockerfile> Parse(std::string_view bytes, std::string_view file_name) {
  return Parse(bytes, file_name, std::stop_token());
}

util::Result<Dockerfile> Parse(std::string_view bytes, std::string_view file_name,
                               std::stop_token stop) {
  return Parser(bytes, file_name, std::move(stop)).Run();
}

}  // namespace manifold::frontend::dockerfile
