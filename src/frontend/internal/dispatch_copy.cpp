// COPY and ADD: file vertices with Docker's source/destination rules.
#include <algorithm>

#include "frontend/dockerfile/flags.hpp"
#include "frontend/dockerfile/heredoc.hpp"
#include "frontend/internal/lowering.hpp"
#include "util/git_url.hpp"
#include "util/go_bool.hpp"
#include "util/root_path.hpp"

namespace manifold::frontend::internal {

namespace {

bool IsUrl(const std::string& s) {
  return s.starts_with("http://") || s.starts_with("https://") || s.starts_with("git@") ||
         s.starts_with("git://");
}

std::optional<graph::Owner> ParseOwner(const std::string& spec) {
  if (spec.empty()) return std::nullopt;
  size_t colon = spec.find(':');
  return graph::Owner{spec.substr(0, colon), colon == std::string::npos ? "" : spec.substr(colon + 1)};
}

}  // namespace

util::Result<graph::VertexRef> PlatformLowering::StateFrom(const dockerfile::Instruction& inst, const std::string& from,
                                                          const StageContext& ctx, bool filesystem) {
  auto stage = FindStage(stages_, from, ctx.stage->index);
  auto anywhere = FindStage(stages_, from, -1);
  std::string context_key;
  // A stage a named context replaces is that context (BuildKit), even a later one; a name that
  // is no stage is a named context before it is an image.
  // A number is only ever a stage index.
  const bool number = std::all_of(from.begin(), from.end(), [](char c) { return c >= '0' && c <= '9'; });
  const std::string lookup = anywhere ? stages_.stages[static_cast<size_t>(*anywhere)].name : number ? "" : from;
  if (const auto* named = lookup.empty() ? nullptr : FindNamedContext(lookup, &context_key)) {
    return NamedContextState(inst, context_key, *named, ctx.result.platform, filesystem, nullptr);
  }
  if (stage) {
    auto result = NeedStage(*stage);
    if (!result) return std::unexpected(std::move(result.error()));
    return (*result)->state;
  }
  if (anywhere && *anywhere == ctx.stage->index) {
    return std::unexpected(At(inst, fmt::format("--from={}: stage {} cannot use itself (a circular dependency)", from,
                                                ctx.stage->DisplayName())));
  }
  if (anywhere) {
    return std::unexpected(At(inst, fmt::format("--from={} refers to a later stage; a stage can only use stages "
                                                "defined before it",
                                                from)));
  }
  if (std::all_of(from.begin(), from.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::unexpected(At(inst, fmt::format("--from={}: there is no stage with that index (this Dockerfile "
                                                "has stages 0 to {})",
                                                from, stages_.stages.size() - 1)));
  }
  // Not a stage: an image, as Docker reads it (`COPY --from=busybox:1.36 /bin/busybox /`).
  return ImageSource(inst, from, ctx.result.platform, nullptr);
}

util::Status PlatformLowering::DispatchCopy(const dockerfile::Instruction& inst, StageContext& ctx) {
  bool is_add = inst.keyword == "add";
  std::string keyword = is_add ? "ADD" : "COPY";
  auto flags = dockerfile::ParseFlags(inst.flags);
  if (!flags) return std::unexpected(At(inst, std::move(flags.error())));
  Expander expand(file_.escape_token, ctx.scope, budget_);
  auto word = [&](const std::string& w) -> util::Result<std::string> {
    auto r = expand.Word(w);
    if (!r) return std::unexpected(At(inst, std::move(r.error())));
    return r;
  };

  std::string from, chown, chmod;
  bool link = false, parents = false;
  std::vector<std::string> excludes;
  std::string checksum;
  bool keep_git_dir = false;
  std::string flag_text;
  for (const auto& f : *flags) {
    std::string value = f.value ? MANIFOLD_TRY(word(*f.value)) : "";
    bool boolean_true = !f.value || value == "true";
    if (f.name == "from") from = value;
    else if (f.name == "chown") chown = value;
    else if (f.name == "chmod") chmod = value;
    else if (f.name == "link") link = boolean_true;
    else if (f.name == "parents") parents = boolean_true;
    else if (f.name == "exclude") excludes.push_back(value);
    else if (is_add && f.name == "checksum") checksum = value;
    else if (is_add && f.name == "keep-git-dir") {
      auto keep = f.value ? util::ParseGoBool(value) : std::optional<bool>(true);
      if (!keep) return std::unexpected(At(inst, fmt::format("--keep-git-dir={}: expected true or false", value)));
      keep_git_dir = *keep;
    } else if (is_add && f.name == "unpack") {
      // Only meaningful for remote archives, which ADD does not extract: ignored.
    } else {
      return std::unexpected(At(inst, fmt::format("unknown flag --{} for {}", f.name, keyword)));
    }
    flag_text += "--" + f.name + (f.value ? "=" + value : "") + " ";
  }
  if (inst.args.size() < 2) {
    return std::unexpected(At(inst, fmt::format("{} requires at least two arguments: {} <src>... <dest>", keyword, keyword)));
  }

  std::string dest = MANIFOLD_TRY(word(inst.args.back()));
  bool dest_dir = dest.ends_with("/") || dest == "." || dest.ends_with("/.");
  if (!dest.starts_with("/")) {
    std::string base = ctx.result.config.config.working_dir.empty() ? "/" : ctx.result.config.config.working_dir;
    dest = util::CleanPath(base + "/" + dest);
  } else {
    dest = util::CleanPath(dest);
  }
  if (dest_dir && !dest.ends_with("/")) dest += "/";
  if (inst.args.size() > 2 && !dest.ends_with("/")) {
    return std::unexpected(At(inst, fmt::format("When using {} with more than one source file, the destination must "
                                                "be a directory and end with a /",
                                                keyword)));
  }

  graph::VertexRef source = context_;
  bool from_context = from.empty();
  if (!from.empty()) source = MANIFOLD_TRY(StateFrom(inst, from, ctx));

  graph::FileOp op;
  op.link = link;
  std::vector<graph::VertexRef> extra_sources;  // ADD URL downloads, inputs 2, 3, ...
  std::string text = keyword + " " + flag_text;
  for (size_t i = 0; i + 1 < inst.args.size(); ++i) {
    const std::string& raw = inst.args[i];
    auto heredoc = std::find_if(inst.heredocs.begin(), inst.heredocs.end(), [&](const dockerfile::Heredoc& h) {
      return raw.starts_with("<<") && raw.find(h.name) != std::string::npos;
    });
    if (heredoc != inst.heredocs.end()) {
      graph::MkfileAction file;
      std::string name = heredoc->name;
      file.path = dest.ends_with("/") ? dest + name : dest;
      file.data = heredoc->chomp ? dockerfile::ChompHeredocContent(heredoc->content) : heredoc->content;
      if (heredoc->expand) file.data = MANIFOLD_TRY(word(file.data));
      file.mode = 0644;
      file.owner = ParseOwner(chown);
      file.mtime = Epoch();
      op.actions.push_back(std::move(file));
      text += raw + " ";
      continue;
    }
    std::string src = MANIFOLD_TRY(word(raw));
    // BuildKit's git source: `ADD https://host/repo.git#ref /dst` copies the checkout into /dst.
    // (`github.com/…` without a scheme stays a local path in ADD, as in BuildKit.)
    if (is_add && util::IsGitUrl(src) && !src.starts_with("github.com/")) {
      auto url = util::ParseGitUrl(src);
      if (!url) return std::unexpected(At(inst, std::move(url.error())));
      graph::SourceOp git;
      git.kind = graph::SourceOp::Kind::kGit;
      git.identifier = src;
      git.keep_git_dir = keep_git_dir;
      git.checksum = checksum;  // BuildKit's `ADD --checksum=COMMIT` for git: the commit expected
      graph::CopyAction copy;
      copy.source_input = static_cast<int>(2 + extra_sources.size());
      copy.source_path = "/";
      copy.dest_path = dest;
      copy.owner = ParseOwner(chown);
      copy.chmod = chmod;
      copy.allow_wildcard = false;
      extra_sources.push_back(graph::Vertex::Make(std::move(git), {}, "[internal] load git source " + url->Display(),
                                                  FormatPlatform(target_)));
      op.actions.push_back(std::move(copy));
      text += url->Display() + " ";
      continue;
    }
    if (IsUrl(src)) {
      if (!is_add || !(src.starts_with("http://") || src.starts_with("https://"))) {
        return std::unexpected(At(inst, util::Error(util::ErrorKind::kUnavailable,
                                                    fmt::format("{} {}: only ADD takes URLs, and only http(s) ones", keyword, src))));
      }
      // The download is its own source vertex (BuildKit's http source): a file named after the
      // URL's last path element, copied like any single file.
      graph::SourceOp http;
      http.kind = graph::SourceOp::Kind::kHttp;
      http.identifier = src;
      http.checksum = checksum;
      std::string path = src.substr(0, src.find_first_of("?#"));
      http.filename = path.substr(path.rfind('/') + 1);
      if (http.filename.empty()) http.filename = "index.html";
      graph::CopyAction copy;
      copy.source_input = static_cast<int>(2 + extra_sources.size());
      copy.source_path = "/" + http.filename;
      copy.dest_path = dest;
      copy.owner = ParseOwner(chown);
      copy.chmod = chmod;
      copy.allow_wildcard = false;
      extra_sources.push_back(graph::Vertex::Make(std::move(http), {}, "[internal] ADD " + src, FormatPlatform(target_)));
      op.actions.push_back(std::move(copy));
      text += src + " ";
      continue;
    }
    graph::CopyAction copy;
    copy.source_input = 1;
    copy.source_path = src;
    copy.dest_path = dest;
    copy.owner = ParseOwner(chown);
    copy.chmod = chmod;
    copy.attempt_unpack = is_add && from_context;
    copy.keep_parents = parents;
    copy.exclude_patterns = excludes;
    op.actions.push_back(std::move(copy));
    text += src + " ";
  }
  text += inst.args.back() == dest ? dest : MANIFOLD_TRY(word(inst.args.back()));
  std::vector<graph::VertexRef> sources = {source};
  for (auto& e : extra_sources) sources.push_back(std::move(e));
  AddFileStep(ctx, std::move(op), std::move(sources), text);
  return {};
}

}  // namespace manifold::frontend::internal
