// The lint rules: each reads the AST (and the instructions' original text) and reports.
#include "frontend/dockerfile/lint.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "frontend/dockerfile/flags.hpp"

namespace manifold::frontend::dockerfile {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsLower(std::string_view s) { return Lower(s) == s; }

// The keyword as written (the AST lower-cases it).
std::string_view WrittenKeyword(const Instruction& inst) {
  std::string_view text = inst.original;
  size_t start = text.find_first_not_of(" \t");
  if (start == std::string_view::npos) return {};
  text.remove_prefix(start);
  return text.substr(0, std::min(text.find_first_of(" \t"), text.size()));
}

// BuildKit's pattern for names that look like secrets: a word of the name (split at `_`) is one
// of these, compared case-insensitively.
bool LooksSecret(std::string_view name) {
  static const std::set<std::string> kWords = {"apikey", "auth",   "credential", "credentials", "key",
                                               "password", "pword", "passwd",   "secret",      "token"};
  std::string lower = Lower(name);
  size_t start = 0;
  while (start <= lower.size()) {
    size_t end = lower.find('_', start);
    if (end == std::string::npos) end = lower.size();
    if (kWords.contains(lower.substr(start, end - start))) return true;
    start = end + 1;
  }
  return false;
}

class Linter {
 public:
  Linter(const Dockerfile& file, const CheckOptions& options) : file_(file), options_(options) {}

  std::vector<LintFinding> Run() {
    CheckCasing();
    for (const auto& w : file_.warnings) {
      if (w.message.find("continuation") != std::string::npos) {
        Add("NoEmptyContinuation", "Empty continuation lines will become errors in a future release",
            "Empty continuation line", w.line, w.line);
      }
    }
    std::set<std::string> global_args;
    std::set<std::string> stage_names;
    std::map<std::string, int> singletons;  // CMD/ENTRYPOINT/HEALTHCHECK seen in this stage
    bool in_stage = false;
    for (const auto& inst : file_.instructions) {
      if (inst.keyword == "from") {
        in_stage = true;
        singletons.clear();
        CheckFrom(inst, global_args, stage_names);
        continue;
      }
      if (!in_stage && inst.keyword == "arg") {
        for (const auto& word : inst.args) global_args.insert(word.substr(0, word.find('=')));
      }
      if (inst.keyword == "cmd" || inst.keyword == "entrypoint" || inst.keyword == "healthcheck") {
        if (++singletons[inst.keyword] == 2) {
          std::string upper = inst.keyword;
          for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
          Add("MultipleInstructionsDisallowed", "Multiple instructions of the same type should not be used in the same stage",
              fmt::format("Multiple {} instructions should not be used in the same stage because only the last one "
                          "will be used",
                          upper),
              inst);
        }
      }
      CheckInstruction(inst);
    }
    std::stable_sort(findings_.begin(), findings_.end(),
                     [](const LintFinding& a, const LintFinding& b) { return a.start_line < b.start_line; });
    return std::move(findings_);
  }

 private:
  void Add(std::string rule, std::string description, std::string message, int start, int end) {
    if (options_.Skips(rule)) return;
    LintFinding f;
    f.url = LintRuleUrl(rule);
    f.rule = std::move(rule);
    f.description = std::move(description);
    f.message = std::move(message);
    f.start_line = start;
    f.end_line = end;
    findings_.push_back(std::move(f));
  }
  void Add(std::string rule, std::string description, std::string message, const Instruction& inst) {
    Add(std::move(rule), std::move(description), std::move(message), inst.start_line, inst.end_line);
  }

  // The majority casing of keywords wins; the others are findings.
  void CheckCasing() {
    size_t upper = 0, lower = 0;
    for (const auto& inst : file_.instructions) {
      std::string_view kw = WrittenKeyword(inst);
      if (kw == Lower(kw)) ++lower;
      else if (std::all_of(kw.begin(), kw.end(), [](char c) { return !std::islower(static_cast<unsigned char>(c)); })) ++upper;
    }
    bool want_lower = lower > upper;
    for (const auto& inst : file_.instructions) {
      std::string_view kw = WrittenKeyword(inst);
      bool is_lower = kw == Lower(kw);
      bool is_upper = std::all_of(kw.begin(), kw.end(), [](char c) { return !std::islower(static_cast<unsigned char>(c)); });
      if ((want_lower && !is_lower) || (!want_lower && !is_upper)) {
        Add("ConsistentInstructionCasing", "All commands within the Dockerfile should use the same casing (either upper or lower)",
            fmt::format("Command '{}' should match the case of the command majority ({})", kw,
                        want_lower ? "lowercase" : "uppercase"),
            inst);
      }
    }
  }

  void CheckFrom(const Instruction& from, const std::set<std::string>& global_args, std::set<std::string>& stage_names) {
    if (from.args.size() >= 3) {
      std::string_view kw = WrittenKeyword(from);
      const std::string& as = from.args[1];
      bool kw_upper = kw != Lower(kw);
      bool as_upper = as != Lower(as);
      if (kw_upper != as_upper) {
        Add("FromAsCasing", "The 'as' keyword should match the case of the 'from' keyword",
            "'as' and 'FROM' keywords' casing do not match", from);
      }
      const std::string& name = from.args[2];
      if (!IsLower(name)) {
        Add("StageNameCasing", "Stage names should be lowercase", fmt::format("Stage name '{}' should be lowercase", name),
            from);
      }
      std::string lower = Lower(name);
      if (lower == "scratch" || lower == "context") {
        Add("ReservedStageName", "Reserved words should not be used as stage names",
            fmt::format("Stage name should not use the same name as reserved stage '{}'", lower), from);
      }
      if (!stage_names.insert(lower).second) {
        Add("DuplicateStageName", "Stage names should be unique",
            fmt::format("Duplicate stage name '{}', stage names should be unique", name), from);
      }
    }
    if (!from.args.empty()) CheckUndefinedArgs(from, from.args[0], global_args);
    auto flags = ParseFlags(from.flags);
    if (!flags) return;
    for (const auto& flag : *flags) {
      if (flag.name != "platform" || !flag.value) continue;
      if (*flag.value == "$TARGETPLATFORM" || *flag.value == "${TARGETPLATFORM}") {
        Add("RedundantTargetPlatform", "Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior",
            fmt::format("Setting platform to predefined {} in FROM is redundant as this is the default behavior",
                        *flag.value),
            from);
      } else if (flag.value->find('$') == std::string::npos) {
        Add("FromPlatformFlagConstDisallowed", "FROM --platform flag should not use a constant value",
            fmt::format("FROM --platform flag should not use constant value \"{}\"", *flag.value), from);
      } else {
        CheckUndefinedArgs(from, *flag.value, global_args);
      }
    }
  }

  // $NAME / ${NAME...} in a FROM word must be a global ARG or an automatic platform arg.
  void CheckUndefinedArgs(const Instruction& from, std::string_view word, const std::set<std::string>& global_args) {
    static const std::set<std::string> kAutomatic = {"BUILDPLATFORM", "BUILDOS",  "BUILDARCH",   "BUILDVARIANT",
                                                     "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT"};
    for (size_t i = word.find('$'); i != std::string_view::npos; i = word.find('$', i + 1)) {
      size_t start = i + 1;
      if (start < word.size() && word[start] == '{') ++start;
      size_t end = start;
      while (end < word.size() && (std::isalnum(static_cast<unsigned char>(word[end])) || word[end] == '_')) ++end;
      std::string name(word.substr(start, end - start));
      if (name.empty() || global_args.contains(name) || kAutomatic.contains(name)) continue;
      Add("UndefinedArgInFrom", "FROM command must use declared ARGs",
          fmt::format("FROM argument '{}' is not declared", name), from);
    }
  }

  void CheckInstruction(const Instruction& inst) {
    const std::string& kw = inst.keyword;
    if ((kw == "cmd" || kw == "entrypoint") && !inst.json_form) {
      std::string upper = kw == "cmd" ? "CMD" : "ENTRYPOINT";
      Add("JSONArgsRecommended", "JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals",
          fmt::format("JSON arguments recommended for {} to prevent unintended behavior related to OS signals", upper),
          inst);
    } else if (kw == "maintainer") {
      Add("MaintainerDeprecated", "The MAINTAINER instruction is deprecated, use a label instead to define an image author",
          "Maintainer instruction is deprecated in favor of using label", inst);
    } else if (kw == "workdir" && !inst.args.empty()) {
      const std::string& dir = inst.args[0];
      if (!dir.empty() && dir[0] != '/' && dir[0] != '$') {
        Add("WorkdirRelativePath", "Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes",
            fmt::format("Relative workdir \"{}\" can have unexpected results if the base image changes", dir), inst);
      }
    } else if (kw == "env" || kw == "label") {
      std::string upper = kw == "env" ? "ENV" : "LABEL";
      for (size_t i = 0; i + 2 < inst.args.size(); i += 3) {
        if (inst.args[i + 2].empty()) {
          Add("LegacyKeyValueFormat", "Legacy key/value format with whitespace separator should not be used",
              fmt::format("\"{0} key=value\" should be used instead of legacy \"{0} key value\" format", upper), inst);
          break;
        }
      }
      if (kw == "env") {
        for (size_t i = 0; i < inst.args.size(); i += 3) CheckSecretName(inst, "ENV", inst.args[i]);
      }
    } else if (kw == "arg") {
      for (const auto& word : inst.args) CheckSecretName(inst, "ARG", word.substr(0, word.find('=')));
    } else if (kw == "expose") {
      for (const auto& port : inst.args) {
        size_t slash = port.find('/');
        if (slash != std::string::npos && !IsLower(port.substr(slash + 1))) {
          Add("ExposeProtoCasing", "Protocol in EXPOSE instruction should be lowercase",
              fmt::format("Defined protocol '{}' in EXPOSE instruction should be lowercase", port.substr(slash + 1)),
              inst);
        }
      }
    }
  }

  void CheckSecretName(const Instruction& inst, std::string_view keyword, std::string_view name) {
    if (!LooksSecret(name)) return;
    Add("SecretsUsedInArgOrEnv", "Sensitive data should not be used in the ARG or ENV commands",
        fmt::format("Do not use ARG or ENV instructions for sensitive data ({} \"{}\")", keyword, name), inst);
  }

  const Dockerfile& file_;
  const CheckOptions& options_;
  std::vector<LintFinding> findings_;
};

}  // namespace

std::vector<LintFinding> Lint(const Dockerfile& file, const CheckOptions& options) {
  if (options.skip_all) return {};
  return Linter(file, options).Run();
}

std::string LintRuleUrl(std::string_view rule) {
  std::string kebab;
  for (size_t i = 0; i < rule.size(); ++i) {
    char c = rule[i];
    bool upper = std::isupper(static_cast<unsigned char>(c)) != 0;
    // "JSONArgsRecommended" → "json-args-recommended": a capital starts a word when it follows a
    // lower-case letter, or when it is followed by one after a run of capitals.
    if (upper && i > 0 &&
        (std::islower(static_cast<unsigned char>(rule[i - 1])) ||
         (i + 1 < rule.size() && std::islower(static_cast<unsigned char>(rule[i + 1])) &&
          std::isupper(static_cast<unsigned char>(rule[i - 1]))))) {
      kebab += '-';
    }
    kebab += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return fmt::format("https://docs.docker.com/go/dockerfile/rule/{}/", kebab);
}

}  // namespace manifold::frontend::dockerfile
